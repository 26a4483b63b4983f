package nl.protocolbot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nl.protocolbot.server.Server;
import nl.protocolbot.server.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start de chatbot voor Slack (Socket Mode of HTTP) en/of Teams.",
                "Alle instellingen komen uit omgevingsvariabelen; zie de README."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = Settings.fromEnv(main.env);
        } catch (Settings.Invalid e) {
            for (String p : e.problems()) {
                err.println("protocolbot serve: " + p);
            }
            err.flush();
            return Main.EXIT_USAGE;
        }
        return Server.serve(settings, spec.commandLine().getOut());
    }
}
