package nl.protocolbot.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.protocolbot.teams.TeamsAppPackage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "teams-app", mixinStandardHelpOptions = true,
        description = "Schrijft het Teams-app-pakket (manifest.json en twee iconen) voor de Azure Bot-registratie.")
final class TeamsAppCommand implements Callable<Integer> {
    /** A placeholder site (a documentation domain): Teams needs some https URL; the README asks for the real one. */
    static final String PLACEHOLDER_SITE = "https://example.org/protocolbot";

    @Option(names = "--app-id", required = true, paramLabel = "ID",
            description = "De Microsoft App ID van de Azure Bot (TEAMS_BOT_APP_ID).")
    String appId;

    @Option(names = "--out", paramLabel = "ZIP", defaultValue = "protocolbot-teams.zip",
            description = "Waar het pakket komt (standaard: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--developer", paramLabel = "NAAM", defaultValue = "protocolbot",
            description = "De uitgever, bijvoorbeeld je schoolbestuur (standaard: ${DEFAULT-VALUE}).")
    String developer;

    @Option(names = "--website", paramLabel = "URL", description = "De website van de uitgever (https).")
    URI website;

    @Option(names = "--privacy-url", paramLabel = "URL", description = "De privacyverklaring (standaard: de website).")
    URI privacy;

    @Option(names = "--terms-url", paramLabel = "URL", description = "De gebruiksvoorwaarden (standaard: de website).")
    URI terms;

    @Option(names = "--app-version", paramLabel = "X.Y.Z", defaultValue = "1.0.0",
            description = "Versie van het pakket; verhoog die bij elke nieuwe upload (standaard: ${DEFAULT-VALUE}).")
    String version;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        URI site = website != null ? website : URI.create(PLACEHOLDER_SITE);
        TeamsAppPackage.Options options = new TeamsAppPackage.Options(appId.strip(), developer.strip(), site,
                privacy != null ? privacy : site, terms != null ? terms : site, version.strip());
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            throw new Main.UserError(String.join("\n", problems), Main.EXIT_USAGE);
        }
        TeamsAppPackage.write(options, out);
        var o = spec.commandLine().getOut();
        o.println("Teams-app-pakket geschreven: " + out + " (manifest 1.17, bot " + options.appId() + ")");
        if (website == null) {
            o.println("Let op: zonder --website staat er een voorbeeld-URL in het manifest; geef de website van je "
                    + "schoolbestuur op voordat je het pakket publiceert.");
        }
        o.println("Upload het in het Teams-beheercentrum (Teams-apps → Apps beheren → Uploaden) of laad het zelf in.");
        return Main.EXIT_OK;
    }
}
