package nl.protocolbot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartsTest {
    static final LocalDate TODAY = LocalDate.of(2026, 3, 4); // a Wednesday, ISO week 10

    @Test
    void niceMaximaAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Charts.niceMax(0));
        assertEquals(1, Charts.niceMax(1));
        assertEquals(5, Charts.niceMax(3));
        assertEquals(10, Charts.niceMax(6));
        assertEquals(200, Charts.niceMax(101));
    }

    @Test
    void votesPerDayDrawsTwoBarsADayScaledToTheLargestCount() {
        Charts.Chart c = Charts.votesPerDay(List.of(new Charts.Day(TODAY, 4, 1),
                new Charts.Day(TODAY.minusDays(2), 0, 2), new Charts.Day(TODAY.minusDays(40), 9, 9)), TODAY);
        assertEquals(60, c.bars().size());
        Charts.Bar up = c.bars().get(58);
        Charts.Bar down = c.bars().get(59);
        assertEquals("up", up.kind());
        assertEquals(Charts.HEIGHT * 4 / 5, up.height(), "4 of a scale of 5");
        assertEquals(Charts.HEIGHT / 5, down.height());
        assertEquals(Charts.TOP + Charts.HEIGHT, up.y() + up.height(), "bars stand on the axis");
        assertTrue(up.label().startsWith("4 mrt") && up.label().endsWith("4 👍 nuttig, 1 👎 niet nuttig"), up.label());
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), c.ticks().stream().map(Charts.Tick::label).toList());
        assertEquals(2, c.table().rows().size(), "only days with votes; the day 40 days ago is out of range");
        assertTrue(c.description().contains("4 keer 👍 nuttig") && c.description().contains("3 keer 👎 niet nuttig"), c.description());
    }

    @Test
    void unansweredPerWeekCountsFromMondayOverTwelveWeeks() {
        Charts.Chart c = Charts.unansweredPerWeek(List.of(new Charts.Week(LocalDate.of(2026, 3, 2), 7),
                new Charts.Week(LocalDate.of(2026, 2, 23), 3)), TODAY);
        assertEquals(12, c.bars().size());
        assertEquals("wk 10", c.labels().get(11).text());
        assertEquals("week 10 (vanaf 2 mrt): 7", c.bars().get(11).label().replace(".", ""));
        assertEquals(Charts.HEIGHT * 7 / 10, c.bars().get(11).height());
        assertEquals(0, c.bars().get(0).height());
        assertEquals(12, c.table().rows().size());
    }

    @Test
    void chartTemplatePrintsTheGeometryAndATableWithoutInlineStyle() {
        Charts.Chart c = Charts.unansweredPerWeek(List.of(new Charts.Week(LocalDate.of(2026, 3, 2), 7)), TODAY);
        Map<String, Object> m = new HashMap<>();
        m.put("c", c);
        String svg = new Templates().render("chart", m);
        assertTrue(svg.contains("viewBox=\"0 0 " + c.width() + " " + c.height() + "\""), svg);
        assertTrue(svg.contains("role=\"img\""));
        Charts.Bar b = c.bars().get(11);
        assertTrue(svg.contains("<rect class=\"count\" x=\"" + b.x() + "\" y=\"" + b.y() + "\""), svg);
        assertTrue(svg.contains("<table>"));
        assertFalse(svg.contains("style="), "the CSP forbids inline style");
    }
}
