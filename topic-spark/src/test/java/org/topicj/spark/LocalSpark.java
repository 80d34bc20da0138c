package org.topicj.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local-mode Spark session for the module's tests: 2 worker threads, and up to 4 attempts per
 * task ({@code local[2,4]}), so a failed task is retried as on a cluster.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        // The example's main stops the session it shares; start a new one then.
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder().master("local[2,4]").appName("topicj-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
