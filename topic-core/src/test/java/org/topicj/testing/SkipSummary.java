package org.topicj.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a module's tests, one line per reason tests were skipped ("skipped 3 tests:
 * no ../shared/reference ..."), so that skips are seen in the build log, not only in surefire's
 * XML. Registered for every module that uses topic-core's test-jar (its services file).
 */
public final class SkipSummary implements TestExecutionListener {
    private final Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        count(reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED && test.isTest()) {
            count(result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private void count(String reason) {
        String r = reason == null ? "no reason given" : reason.replace("Assumption failed: ", "").strip();
        reasons.computeIfAbsent(r.length() > 200 ? r.substring(0, 200) + "..." : r, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        new TreeMap<>(reasons).forEach((reason, n) ->
                System.out.println("[topicj] skipped " + n + (n.get() == 1 ? " test: " : " tests: ") + reason));
    }
}
