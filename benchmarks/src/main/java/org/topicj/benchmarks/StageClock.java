package org.topicj.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.topicj.progress.ProgressListener;

/**
 * Times a fit's stages from its progress reports: a stage runs from its first report until the next
 * stage's first report (the last one until {@link #stages}'s end time). Thread-safe.
 */
final class StageClock implements ProgressListener {
    private final long start = System.nanoTime();
    private final Map<String, Long> firstReport = new LinkedHashMap<>();

    @Override
    public synchronized void update(String task, long done, long total) {
        firstReport.putIfAbsent(task, System.nanoTime());
    }

    /**
     * @param end when the work ended ({@link System#nanoTime()})
     * @return e.g. {@code "setup 0.1 s, neighbours 3.2 s, layout 9.0 s"}; time before the first report is "setup"
     */
    synchronized String stages(long end) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        String current = "setup";
        long since = start;
        for (Map.Entry<String, Long> e : firstReport.entrySet()) {
            seconds.merge(current, (e.getValue() - since) / 1e9, Double::sum);
            current = e.getKey();
            since = e.getValue();
        }
        seconds.merge(current, (end - since) / 1e9, Double::sum);
        return seconds.entrySet().stream().map(e -> String.format("%s %.1f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
