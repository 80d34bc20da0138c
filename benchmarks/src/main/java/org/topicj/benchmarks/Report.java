package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.topicj.benchmarks.PeerSuite.Figure;
import org.topicj.benchmarks.PeerSuite.Row;

/**
 * The peer suite's Markdown: one table of every row (TopicJ, peer, ratio, ranges, memory) and one of
 * how the fit from embeddings grows with the number of documents.
 */
final class Report {
    private Report() {
    }

    /** @return the rows as a Markdown table */
    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder("| benchmark | TopicJ | peer | peer's figure | speed ratio | TopicJ memory (MiB) "
                + "| peer memory (MiB) | results |\n|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.what()).append(" | ").append(figure(r.topicj(), r.figure(), r.n())).append(" | ").append(r.peer())
                    .append(" | ").append(figure(r.peerResult(), r.figure(), r.n())).append(" | ").append(ratio(r))
                    .append(" | ").append(memory(r.topicj())).append(" | ").append(memory(r.peerResult())).append(" | ")
                    .append(results(r)).append(" |\n");
        }
        return b.toString();
    }

    /** @return time against documents for the fit rows, with each side's growth exponent between sizes */
    static String scaling(List<Row> fits) {
        StringBuilder b = new StringBuilder("| documents | TopicJ | BERTopic | speed ratio | TopicJ growth | BERTopic growth "
                + "| TopicJ peak heap / RSS (MiB) | BERTopic peak RSS (MiB) |\n|---|---|---|---|---|---|---|---|\n");
        Row previous = null;
        for (Row r : fits) {
            b.append("| ").append(r.n()).append(" | ").append(figure(r.topicj(), Figure.SECONDS, r.n())).append(" | ")
                    .append(figure(r.peerResult(), Figure.SECONDS, r.n())).append(" | ").append(ratio(r)).append(" | ")
                    .append(growth(previous, r, true)).append(" | ").append(growth(previous, r, false)).append(" | ")
                    .append(memory(r.topicj())).append(" | ").append(memory(r.peerResult())).append(" |\n");
            previous = r;
        }
        return b.append("\nGrowth: the exponent b in time ∝ documentsᵇ between this size and the one above (1 = linear).\n").toString();
    }

    /** @return one line for the progress log */
    static String summary(Measurement m) {
        if (!m.ran()) {
            return "not run (" + m.notRun() + ")";
        }
        String s = "seconds " + m.seconds().stream().map(x -> fmt("%.2f", x)).toList();
        if (!Double.isNaN(m.wholeProcessSeconds())) {
            s += fmt(", whole process %.2f s", m.wholeProcessSeconds());
        }
        return s + ", " + memory(m) + (m.result().isMissingNode() ? "" : ", " + m.result());
    }

    private static String figure(Measurement m, Figure f, int n) {
        if (!m.ran()) {
            return "not run (" + m.notRun().replace("|", "/") + ")";
        }
        return switch (f) {
            case SECONDS -> seconds(Measurement.median(m.seconds())) + range(m.seconds(), "%.2f");
            case DOCS_PER_S -> fmt("%.1f docs/s", Measurement.median(m.docsPerS())) + range(m.docsPerS(), "%.1f");
            case WHOLE_PROCESS -> fmt("%.1f docs/s (%.1f s)", m.wholeProcessDocsPerS(), m.wholeProcessSeconds());
        };
    }

    /** TopicJ's speed over the peer's, from the medians; the range pairs each side's extremes. */
    private static String ratio(Row r) {
        Measurement t = r.topicj();
        Measurement p = r.peerResult();
        if (!t.ran() || !p.ran()) {
            return "–";
        }
        return switch (r.figure()) {
            case SECONDS -> ratio(Measurement.median(p.seconds()) / Measurement.median(t.seconds()),
                    Measurement.min(p.seconds()) / Measurement.max(t.seconds()), Measurement.max(p.seconds()) / Measurement.min(t.seconds()));
            case DOCS_PER_S -> ratio(Measurement.median(t.docsPerS()) / Measurement.median(p.docsPerS()),
                    Measurement.min(t.docsPerS()) / Measurement.max(p.docsPerS()), Measurement.max(t.docsPerS()) / Measurement.min(p.docsPerS()));
            case WHOLE_PROCESS -> ratio(p.wholeProcessSeconds() / t.wholeProcessSeconds(), Double.NaN, Double.NaN);
        };
    }

    private static String ratio(double mid, double lo, double hi) {
        String s = fmt("%.2fx", mid);
        return Double.isNaN(lo) || fmt("%.2f", lo).equals(fmt("%.2f", hi)) ? s : s + fmt(" (%.2f–%.2f)", lo, hi);
    }

    private static String growth(Row previous, Row r, boolean topicj) {
        if (previous == null) {
            return "";
        }
        Measurement a = topicj ? previous.topicj() : previous.peerResult();
        Measurement b = topicj ? r.topicj() : r.peerResult();
        if (!a.ran() || !b.ran()) {
            return "–";
        }
        double exponent = Math.log(Measurement.median(b.seconds()) / Measurement.median(a.seconds())) / Math.log((double) r.n() / previous.n());
        return fmt("n^%.2f", exponent);
    }

    private static String memory(Measurement m) {
        if (!m.ran()) {
            return "–";
        }
        String rss = fmt("RSS %,.0f", m.peakRssMib());
        if (Double.isNaN(m.peakHeapMib())) {
            return rss;
        }
        String live = m.peakLiveHeapMib() > 0 ? fmt("live %,.0f", m.peakLiveHeapMib()) : "no GC ran";
        return fmt("heap %,.0f (%s), ", m.peakHeapMib(), live) + rss;
    }

    private static String results(Row r) {
        JsonNode t = r.topicj().result();
        JsonNode p = r.peerResult().result();
        if (t.has("topics") || p.has("topics")) {
            return fmt("topics %s vs %s, outliers %s vs %s", t.path("topics").asText("–"), p.path("topics").asText("–"),
                    percent(t.path("outliers")), percent(p.path("outliers")));
        }
        if (t.has("clusters") || p.has("clusters")) {
            return fmt("clusters %s vs %s, noise %s vs %s", t.path("clusters").asText("–"), p.path("clusters").asText("–"),
                    t.path("noise").asText("–"), p.path("noise").asText("–"));
        }
        if (t.has("min_cos_vs_reference") || p.has("min_cos_vs_reference")) {
            return "min cosine vs debian5k/minilm.npy " + cosine(t) + " vs " + cosine(p);
        }
        return "";
    }

    private static String cosine(JsonNode result) {
        JsonNode c = result.path("min_cos_vs_reference");
        return c.isNumber() ? fmt("%.4f", c.asDouble()) : "–";
    }

    private static String percent(JsonNode fraction) {
        return fraction.isNumber() ? fmt("%.1f%%", 100 * fraction.asDouble()) : "–";
    }

    private static String seconds(double s) {
        return s >= 100 ? fmt("%.0f s", s) : fmt("%.2f s", s);
    }

    private static String range(List<Double> v, String format) {
        return v.size() < 2 ? " (1 run)" : fmt(" (" + format + "–" + format + ", %d runs)", Measurement.min(v), Measurement.max(v), v.size());
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
