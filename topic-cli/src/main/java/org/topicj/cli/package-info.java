/**
 * The {@code topicj} command line: its commands, options and output files are a fixed contract.
 */
package org.topicj.cli;
