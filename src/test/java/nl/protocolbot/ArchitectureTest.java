package nl.protocolbot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout (../shared/design.md, README "Development"): assembly at the top (app, called only by the command
 * line), the channel adapters (slack, teams, web) beside each other, HTTP plumbing and metrics below them, the
 * answer, the search and the corpus at the bottom; no package cycles.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void read() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.protocolbot");
    }

    @Test
    void noPackageCycles() {
        slices().matching("nl.protocolbot.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheCommandLineUsesTheAssembly() {
        noClasses().that().resideOutsideOfPackages("nl.protocolbot.app..", "nl.protocolbot.cli..")
                .should().dependOnClassesThat().resideInAPackage("nl.protocolbot.app..").check(classes);
    }

    @Test
    void adaptersDoNotUseEachOther() {
        for (String adapter : new String[] {"slack", "teams", "web"}) {
            String[] others = java.util.Arrays.stream(new String[] {"slack", "teams", "web"})
                    .filter(a -> !a.equals(adapter)).map(a -> "nl.protocolbot." + a + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("nl.protocolbot." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
        }
    }

    @Test
    void theCoreKnowsNoChannelNoHttpAndNoAssembly() {
        noClasses().that().resideInAnyPackage("nl.protocolbot.answer..", "nl.protocolbot.search..",
                        "nl.protocolbot.corpus..", "nl.protocolbot.importer..", "nl.protocolbot.feedback..",
                        "nl.protocolbot.eval..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.protocolbot.slack..",
                        "nl.protocolbot.teams..", "nl.protocolbot.web..", "nl.protocolbot.http..",
                        "nl.protocolbot.app..", "nl.protocolbot.cli..", "nl.protocolbot.metrics..")
                .check(classes);
    }

    @Test
    void theHttpPlumbingKnowsNothingOfWhatPlugsIntoIt() {
        noClasses().that().resideInAPackage("nl.protocolbot.http..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.protocolbot.slack..",
                        "nl.protocolbot.teams..", "nl.protocolbot.web..", "nl.protocolbot.app..",
                        "nl.protocolbot.cli..", "nl.protocolbot.answer..", "nl.protocolbot.search..",
                        "nl.protocolbot.corpus..", "nl.protocolbot.feedback..")
                .check(classes);
    }
}
