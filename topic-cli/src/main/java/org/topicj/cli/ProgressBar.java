package org.topicj.cli;

import java.io.PrintWriter;
import org.topicj.progress.ProgressListener;

/**
 * Draws progress on stderr. On a terminal: one line redrawn in place at most ten times a second.
 * Otherwise (a log file, CI): a plain line at every 10% so logs stay readable.
 *
 * <p>Thread-safety: safe; updates from several threads are serialised.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private String task;
    private long lastDraw;
    private int lastDecile = -1;
    private boolean drawn;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** @return a bar on {@code err}, or a listener that draws nothing when {@code quiet} */
    static ProgressBar create(PrintWriter err, boolean quiet) {
        return new ProgressBar(quiet ? null : err, System.console() != null);
    }

    @Override
    public synchronized void update(String task, long done, long total) {
        if (out == null) {
            return;
        }
        if (!task.equals(this.task)) {
            finishLine();
            this.task = task;
            lastDecile = -1;
            lastDraw = 0;
        }
        if (terminal) {
            long now = System.nanoTime();
            if (done == total || now - lastDraw >= REDRAW_NANOS) {
                lastDraw = now;
                out.print("\r" + render(task, done, total));
                out.flush();
                drawn = true;
            }
        } else if (total > 0) {
            int decile = (int) (done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(render(task, done, total));
            }
        }
    }

    static String render(String task, long done, long total) {
        if (total <= 0) {
            return task + " " + done;
        }
        int filled = (int) (WIDTH * done / total);
        return String.format("%-10s [%s%s] %3d%% %d/%d", task, "#".repeat(filled), " ".repeat(WIDTH - filled),
                done * 100 / total, done, total);
    }

    private void finishLine() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }

    @Override
    public synchronized void close() {
        finishLine();
    }
}
