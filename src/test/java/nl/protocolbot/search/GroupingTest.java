package nl.protocolbot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same rule in several protocols becomes one answer. */
class GroupingTest {
    private static Pipeline p;
    private static int first;
    private static int copy;

    @BeforeAll
    static void build() throws Exception {
        p = Pipeline.product();
        // a rule that two protocols state nearly word for word (the corpus has several)
        first = -1;
        copy = -1;
        for (int a = 0; a < p.index.size() && copy < 0; a++) {
            for (int b = a + 1; b < p.index.size() && copy < 0; b++) {
                if (!p.index.articles[a].protocol().equals(p.index.articles[b].protocol())
                        && Grouping.jaccard(p.index.textTerms[a], p.index.textTerms[b]) >= 0.6) {
                    first = a;
                    copy = b;
                }
            }
        }
    }

    private static Fusion.Candidate candidate(int doc, double score) {
        return new Fusion.Candidate(doc, score, new Coverage.Share(1, 1));
    }

    @Test
    void aCopyFromAnotherProtocolIsListedUnderTheFirst() {
        assertNotEquals(-1, copy, "the corpus has a rule in two protocols");
        int other = p.index.doc("konot/4") == first || p.index.doc("konot/4") == copy ? p.index.doc("konot/3")
                : p.index.doc("konot/4");
        List<Grouping.Group> groups = p.grouping.group(
                List.of(candidate(first, 3), candidate(other, 2), candidate(copy, 1)), 2);
        assertEquals(2, groups.size());
        assertEquals(first, groups.get(0).first().doc());
        assertEquals(List.of(p.index.articles[copy]), groups.get(0).alsoIn());
        assertEquals(other, groups.get(1).first().doc());
    }

    @Test
    void theLimitIsKeptAndDifferentRulesStayApart() {
        int a = p.index.doc("konot/4");
        int b = p.index.doc("aurora/3.5");
        int c = p.index.doc("konot/3");
        List<Grouping.Group> groups = p.grouping.group(List.of(candidate(a, 3), candidate(b, 2), candidate(c, 1)), 2);
        assertEquals(List.of(a, b), groups.stream().map(g -> g.first().doc()).toList());
        assertEquals(Set.of(), Set.copyOf(groups.get(0).alsoIn()));
    }

    @Test
    void jaccardOfTermSets() {
        assertEquals(0.5, Grouping.jaccard(new int[] {1, 2, 3}, new int[] {2, 3, 4}), 1e-9);
        assertEquals(0, Grouping.jaccard(new int[0], new int[] {1}), 1e-9);
        assertTrue(Grouping.alike(new int[] {1, 2, 3}, new int[] {2, 3, 4}), "Jaccard 0.5 is alike");
        assertFalse(Grouping.alike(new int[] {1, 2}, new int[] {1, 2, 3, 4, 5}), "2 of 5 shared: 0.4");
        assertFalse(Grouping.alike(new int[] {1}, new int[] {1, 2, 3}), "sizes too far apart to be alike");
    }
}
