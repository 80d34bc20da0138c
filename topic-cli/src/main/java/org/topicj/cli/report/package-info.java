/**
 * The self-contained offline {@code report.html} that {@code topicj fit} and {@code demo} write.
 */
package org.topicj.cli.report;
