/**
 * Word vectors from models trained or loaded with DL4J, for {@code backend-wordvec}; kept apart so
 * that {@code backend-wordvec} (and the CLI) never need DL4J's jars.
 */
package org.topicj.wordvec.dl4j;
