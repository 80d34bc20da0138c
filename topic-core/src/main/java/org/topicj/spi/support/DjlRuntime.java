package org.topicj.spi.support;

/**
 * What backends built on DJL (its tokenizers, PyTorch engine) must set before DJL loads: offline
 * mode, so DJL never downloads a native library or model instead of using the jars on the class
 * path. One place for the JVM-wide property, set when a model opens, never at discovery.
 *
 * <p>Thread-safety: safe; setting it twice is harmless.
 */
public final class DjlRuntime {
    /** DJL's own property name. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private DjlRuntime() {
    }

    /** Sets {@code ai.djl.offline=true} unless the user set the property themselves. */
    public static synchronized void offline() {
        if (System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }
}
