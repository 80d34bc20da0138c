package org.topicj.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One side's result for one benchmark: the JSON line a TopicJ child JVM ({@link TopicjTask}) or a
 * Python peer ({@code benchmarks/peers/peers.py}) printed, or why it did not run. Both print the same
 * fields, so the suite reads them alike. Figures not measured are {@code NaN}.
 *
 * @param notRun why this side did not run, or {@code null} if it did
 * @param seconds one per timed repeat
 * @param docsPerS one per timed repeat (embedding tasks), else empty
 * @param wholeProcessSeconds from the process's start to the end of its first pass (embedding tasks)
 * @param wholeProcessDocsPerS documents over {@code wholeProcessSeconds}
 * @param peakHeapMib the most heap in use, just before a collection (Java only)
 * @param peakLiveHeapMib the most heap left after a collection (Java only)
 * @param peakRssMib the process's peak resident set (VmHWM)
 * @param result what was computed (topics, outliers, clusters, a cosine check)
 * @param versions library versions (peers)
 */
record Measurement(String notRun, List<Double> seconds, List<Double> docsPerS, double wholeProcessSeconds,
        double wholeProcessDocsPerS, double peakHeapMib, double peakLiveHeapMib, double peakRssMib, JsonNode result,
        JsonNode versions) {

    static Measurement notRun(String reason) {
        return new Measurement(reason, List.of(), List.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                MissingNode.getInstance(), MissingNode.getInstance());
    }

    /** Reads a result line; {@code {"ok": false, "error": ...}} becomes "not run (error)". */
    static Measurement parse(JsonNode json) {
        if (!json.path("ok").asBoolean(false)) {
            return notRun(json.path("error").asText("failed without saying why"));
        }
        return new Measurement(null, doubles(json.path("seconds")), doubles(json.path("docs_per_s")),
                number(json, "whole_process_seconds"), number(json, "whole_process_docs_per_s"),
                number(json, "peak_heap_mib"), number(json, "peak_live_heap_mib"), number(json, "peak_rss_mib"),
                json.path("result"), json.path("versions"));
    }

    boolean ran() {
        return notRun == null;
    }

    static double median(List<Double> v) {
        List<Double> s = sorted(v);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double min(List<Double> v) {
        return v.isEmpty() ? Double.NaN : Collections.min(v);
    }

    static double max(List<Double> v) {
        return v.isEmpty() ? Double.NaN : Collections.max(v);
    }

    private static List<Double> sorted(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s;
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asDouble()));
        return List.copyOf(out);
    }

    private static double number(JsonNode json, String field) {
        JsonNode n = json.path(field);
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
