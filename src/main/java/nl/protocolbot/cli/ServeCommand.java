package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start de webpagina en, als ze zijn ingesteld, de chatbot voor Slack en Teams.",
                "De webpagina staat op http://localhost:3000 (PORT); Slack via Socket Mode of HTTP, Teams als bot of",
                "uitgaande webhook. Alle instellingen komen uit omgevingsvariabelen; zie de README."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Mixin
    CorpusOption corpus;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = Settings.fromEnv(env());
        } catch (Settings.Invalid e) {
            for (String p : e.problems()) {
                err.println("protocolbot serve: " + p);
            }
            err.flush();
            return Main.EXIT_USAGE;
        }
        try {
            return Server.serve(settings);
        } catch (FeedbackStore.Unavailable | Server.CannotStart e) {
            // one line, without the password (the store's message never holds it)
            err.println("protocolbot serve: " + e.getMessage());
            err.flush();
            return Main.EXIT_FAILURE;
        }
    }

    /** The environment, with {@code --corpus} (before or after {@code serve}) in place of PROTOCOLBOT_CORPUS. */
    private java.util.Map<String, String> env() throws Main.UserError {
        CorpusOption c = main.corpus(corpus);
        if (c.dir == null) {
            return main.env;
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(main.env);
        env.put("PROTOCOLBOT_CORPUS", c.dir.toString());
        return env;
    }
}
