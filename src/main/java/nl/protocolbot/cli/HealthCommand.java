package nl.protocolbot.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Vraagt /healthz van een draaiende server op; code 0 als de index klaar is (voor HEALTHCHECK).")
final class HealthCommand implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL", description = "Standaard: http://127.0.0.1:$PORT/healthz.")
    String url;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Main.UserError {
        main.noCorpus("health");
        String target = url != null ? url : "http://127.0.0.1:" + main.env.getOrDefault("PORT", "3000") + "/healthz";
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
            spec.commandLine().getOut().println(r.statusCode() + " " + r.body());
            return r.statusCode() == 200 ? Main.EXIT_OK : Main.EXIT_FAILURE;
        } catch (Exception e) {
            spec.commandLine().getErr().println("protocolbot health: " + target + " antwoordt niet ("
                    + e.getClass().getSimpleName() + ")");
            return Main.EXIT_FAILURE;
        } 
    }
}
