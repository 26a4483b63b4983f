package nl.protocolbot.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.WriterOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code protocolbot [--corpus DIR] [ask|show|list|check|eval|serve|…] …}; with no command, an
 * interactive console. It only parses arguments; the server is wired in {@link nl.protocolbot.app.Server}.
 * {@code --corpus} may stand before or after the command; a command that reads no corpus refuses it.
 */
@Command(name = "java -jar protocolbot.jar", synopsisSubcommandLabel = "[OPDRACHT]", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        resourceBundle = "nl.protocolbot.cli.Messages",
        description = {"Beantwoordt vragen over het social-media-protocol van je schoolbestuur.",
                "Zonder opdracht: een console die vragen leest tot het einde van de invoer."},
        subcommands = {AskCommand.class, ShowCommand.class, ListCommand.class, CheckCommand.class,
                EvalCommand.class, LearnCommand.class, ServeCommand.class, StatsCommand.class, HealthCommand.class,
                BenchCommand.class, TeamsAppCommand.class, LinksCommand.class, ImportCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Mixin
    CorpusOption corpus;

    /** Standard input and the environment, replaceable for tests. */
    final java.io.InputStream in;
    final java.util.Map<String, String> env;

    Main(java.io.InputStream in, java.util.Map<String, String> env) {
        this.in = in;
        this.env = env;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Answerer answerer = corpus.answerer();
        try (Terminal terminal = terminal()) {
            return new Console(answerer, terminal).run();
        }
    }

    /**
     * The system terminal when a person types at one; otherwise a dumb one that reads lines from the given input
     * (a pipe, a file, a test) without echoing them.
     */
    private Terminal terminal() throws IOException {
        if (in == System.in && System.console() != null) {
            return TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build();
        }
        return new DumbTerminal("protocolbot", Terminal.TYPE_DUMB, in,
                new WriterOutputStream(spec.commandLine().getOut(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /**
     * The {@code --corpus} a command uses: the one given after the command, or else the one given before it. Both,
     * naming different folders, is refused rather than one of them silently ignored.
     */
    CorpusOption corpus(CorpusOption local) throws UserError {
        if (local.dir != null && corpus.dir != null && !local.dir.equals(corpus.dir)) {
            throw new UserError("--corpus staat twee keer, met verschillende mappen; geef het één keer",
                    EXIT_USAGE);
        }
        return local.dir != null ? local : corpus;
    }

    /**
     * The corpus folder a command writes to: {@code --corpus} (before or after the command), else
     * {@code PROTOCOLBOT_CORPUS}; the bundled corpus in the jar cannot be written to.
     */
    java.nio.file.Path writableCorpus(CorpusOption local, String note) throws UserError {
        java.nio.file.Path target = corpus(local).dir;
        if (target != null) {
            return target;
        }
        String folder = env.get("PROTOCOLBOT_CORPUS");
        if (folder == null || folder.isBlank()) {
            throw new UserError("geef de corpusmap met --corpus DIR of PROTOCOLBOT_CORPUS" + note
                    + "; het meegeleverde corpus in de jar kan niet worden aangevuld", EXIT_USAGE);
        }
        return java.nio.file.Path.of(folder);
    }

    /** For a command that reads no corpus: {@code --corpus} before it is refused, not ignored. */
    void noCorpus(String command) throws UserError {
        if (corpus.dir != null) {
            throw new UserError("--corpus geldt niet voor '" + command + "': die opdracht leest geen corpus",
                    EXIT_USAGE);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.getenv(), new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(
                        new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true)));
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int run(String[] args, java.io.InputStream in, java.util.Map<String, String> env, PrintWriter out,
                          PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main(in, env));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("protocolbot: " + dutch(ex));
            String suggestion = suggestion(ex);
            if (!suggestion.isEmpty()) {
                err.println(suggestion);
            }
            err.println("Zie 'java -jar protocolbot.jar --help' voor het gebruik.");
            err.flush();
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof CorpusException ce) {
                err.println("protocolbot: het corpus is ongeldig:");
                err.println(ce.getMessage());
            } else if (ex instanceof UserError ue) {
                err.println("protocolbot: " + ue.getMessage());
            } else {
                err.println("protocolbot: onverwachte fout: " + ex);
            }
            err.flush();
            return ex instanceof UserError ue ? ue.exitCode() : EXIT_FAILURE;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** picocli's message for the usual mistakes, in Dutch; picocli's own for the rare ones. */
    static String dutch(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            List<String> unmatched = u.getUnmatched();
            boolean option = unmatched.get(0).startsWith("-");
            return (option ? "onbekende optie: '" : "onbekende opdracht of te veel argumenten: '")
                    + String.join(" ", unmatched) + "'";
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            return "ontbrekend: " + String.join(", ", m.getMissing().stream().map(Main::label).toList());
        }
        return ex.getMessage();
    }

    private static String label(CommandLine.Model.ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() + " " + o.paramLabel()
                : arg.paramLabel();
    }

    /** picocli's "did you mean", in Dutch; empty when it has no suggestion. */
    static String suggestion(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return "Bedoel je " + String.join(" of ", u.getSuggestions().stream().map(x -> "'" + x + "'").toList())
                    + "?";
        }
        return "";
    }

    /** A problem with what the user asked for; printed as one line, no stack trace. */
    static final class UserError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        UserError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /** The version Maven wrote into {@code version.properties} from pom.xml (resource filtering). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"protocolbot " + p.getProperty("version", "(onbekende versie)")};
        }
    }
}
