package nl.protocolbot.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bar charts drawn on the server as SVG geometry (the template prints it; no script, no inline style): 👍/👎 per
 * day and unanswered questions per week. Each chart also comes as a table, for screen readers and small screens.
 * Written by hand because no SVG chart library is in use here and the geometry of a bar chart is a few lines.
 */
final class Charts {
    static final int DAYS = 30;
    static final int WEEKS = 12;
    static final int HEIGHT = 200;
    static final int TOP = 10;
    static final int LEFT = 36;
    static final int RIGHT = 24;
    static final int BOTTOM = 24;
    private static final Locale NL = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", NL);

    /** Votes cast on one day. */
    record Day(LocalDate day, long up, long down) {
    }

    /** Questions without an answer in the week starting on {@code monday}. */
    record Week(LocalDate monday, long count) {
    }

    record Bar(int x, int y, int width, int height, String kind, String label) {
    }

    record Tick(int y, String label) {
    }

    record Label(int x, String text) {
    }

    /** A table with the same numbers as the chart. */
    record Table(List<String> head, List<List<String>> rows) {
    }

    /**
     * A chart: the SVG's size, the plot area's edges, the bars, the y ticks and the x labels, a title and a
     * description for assistive technology, and the table.
     */
    record Chart(String id, String title, String description, int width, int height, int left, int right,
                 int top, int bottom, List<Bar> bars, List<Tick> ticks, List<Label> labels, Table table) {
    }

    private Charts() {
    }

    /** 👍 and 👎 per day for the {@link #DAYS} days up to {@code today}, two bars a day. */
    static Chart votesPerDay(List<Day> data, LocalDate today) {
        Map<LocalDate, Day> byDay = new HashMap<>();
        data.forEach(d -> byDay.put(d.day(), d));
        int slot = 20;
        List<Day> days = new ArrayList<>();
        long max = 0;
        for (int i = DAYS - 1; i >= 0; i--) {
            LocalDate d = today.minusDays(i);
            Day v = byDay.getOrDefault(d, new Day(d, 0, 0));
            days.add(v);
            max = Math.max(max, Math.max(v.up(), v.down()));
        }
        long top = niceMax(max);
        int bottom = TOP + HEIGHT;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        long up = 0;
        long down = 0;
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            int x = LEFT + i * slot;
            String name = DAY.format(d.day());
            String label = name + ": " + d.up() + " 👍 nuttig, " + d.down() + " 👎 niet nuttig";
            bars.add(bar(x + 2, 8, d.up(), top, "up", label));
            bars.add(bar(x + 10, 8, d.down(), top, "down", label));
            if ((DAYS - 1 - i) % 7 == 0) {
                labels.add(new Label(x + slot / 2, name));
            }
            if (d.up() + d.down() > 0) {
                rows.add(List.of(name, Long.toString(d.up()), Long.toString(d.down())));
            }
            up += d.up();
            down += d.down();
        }
        String description = "Staafdiagram van de laatste " + DAYS + " dagen: in totaal " + up + " keer 👍 nuttig en "
                + down + " keer 👎 niet nuttig.";
        return new Chart("stemmen", "👍 nuttig en 👎 niet nuttig per dag", description, LEFT + DAYS * slot + RIGHT,
                bottom + BOTTOM, LEFT, LEFT + DAYS * slot, TOP, bottom, bars, ticks(top), labels,
                new Table(List.of("Dag", "👍 nuttig", "👎 niet nuttig"), rows));
    }

    /** Questions without an answer per ISO week, for the {@link #WEEKS} weeks up to the one holding {@code today}. */
    static Chart unansweredPerWeek(List<Week> data, LocalDate today) {
        Map<LocalDate, Long> byWeek = new HashMap<>();
        data.forEach(w -> byWeek.merge(monday(w.monday()), w.count(), Long::sum));
        LocalDate last = monday(today);
        int slot = 50;
        long max = 0;
        List<Week> weeks = new ArrayList<>();
        for (int i = WEEKS - 1; i >= 0; i--) {
            LocalDate m = last.minusWeeks(i);
            Week w = new Week(m, byWeek.getOrDefault(m, 0L));
            weeks.add(w);
            max = Math.max(max, w.count());
        }
        long top = niceMax(max);
        int bottom = TOP + HEIGHT;
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < weeks.size(); i++) {
            Week w = weeks.get(i);
            int x = LEFT + i * slot;
            String name = "week " + w.monday().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            String label = name + " (vanaf " + DAY.format(w.monday()) + "): " + w.count();
            bars.add(bar(x + 10, slot - 20, w.count(), top, "count", label));
            labels.add(new Label(x + slot / 2, "wk " + w.monday().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
            rows.add(List.of(name + " (vanaf " + DAY.format(w.monday()) + ")", Long.toString(w.count())));
            total += w.count();
        }
        String description = "Staafdiagram van de laatste " + WEEKS + " weken: in totaal " + total
                + (total == 1 ? " vraag" : " vragen") + " zonder antwoord.";
        return new Chart("onbeantwoord", "Vragen zonder antwoord per week", description, LEFT + WEEKS * slot + RIGHT,
                bottom + BOTTOM, LEFT, LEFT + WEEKS * slot, TOP, bottom, bars, ticks(top), labels,
                new Table(List.of("Week", "Vragen zonder antwoord"), rows));
    }

    static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code max} (at least 1). */
    static long niceMax(long max) {
        long p = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= max) {
                    return m * p;
                }
            }
            p *= 10;
        }
    }

    private static List<Tick> ticks(long top) {
        long step = top >= 5 ? top / 5 : 1;
        List<Tick> ticks = new ArrayList<>();
        for (long v = 0; v <= top; v += step) {
            ticks.add(new Tick(TOP + HEIGHT - (int) (v * HEIGHT / top), Long.toString(v)));
        }
        return ticks;
    }

    /** A bar from the axis up; a count above zero is at least one pixel high, so it never disappears. */
    private static Bar bar(int x, int width, long value, long top, String kind, String label) {
        int h = (int) (value * HEIGHT / top);
        if (value > 0 && h == 0) {
            h = 1;
        }
        return new Bar(x, TOP + HEIGHT - h, width, h, kind, label);
    }
}
