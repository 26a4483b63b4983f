package nl.protocolbot.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                  | HELP | ''",
        "'   '                               | HELP | ''",
        "help                                | HELP | ''",
        "HULP                                | HELP | ''",
        "' ? '                               | HELP | ''",
        "toon                                | HELP | ''",
        "toon aurora/3.5                     | SHOW | aurora/3.5",
        "Toon AURORA/3.5                     | SHOW | AURORA/3.5",
        "'show   konot/donts-2 '             | SHOW | konot/donts-2",
        "toon me de regels over foto's       | ASK  | toon me de regels over foto's",
        "toon aurora                         | ASK  | toon aurora",
        "mag ik een klassenfoto posten?      | ASK  | mag ik een klassenfoto posten?",
        "help me, mag ik vloeken in een tweet| ASK  | help me, mag ik vloeken in een tweet",
        "tonen van foto's                    | ASK  | tonen van foto's"})
    void readsHelpShowAndQuestions(String text, Command.Kind kind, String argument) {
        assertEquals(new Command(kind, argument), Command.parse(text));
    }
}
