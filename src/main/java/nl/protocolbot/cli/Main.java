package nl.protocolbot.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import nl.protocolbot.corpus.CorpusException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code protocolbot [ask|show|list|check|eval] …}; with no command, an interactive console.
 * It only parses arguments; the server is wired in {@link nl.protocolbot.server.Server}.
 */
@Command(name = "protocolbot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Beantwoordt vragen over het social-media-protocol van je schoolbestuur.",
                "Zonder opdracht: een console die vragen leest tot het einde van de invoer."},
        subcommands = {AskCommand.class, ShowCommand.class, ListCommand.class, CheckCommand.class,
                EvalCommand.class, ServeCommand.class, StatsCommand.class, HealthCommand.class, BenchCommand.class})
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
        return new Console(corpus.answerer(), spec.commandLine().getOut()).run(in);
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
            err.println("protocolbot: " + ex.getMessage());
            err.println("Zie 'protocolbot --help' voor het gebruik.");
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"protocolbot " + (v == null ? "dev" : v)};
        }
    }
}
