/**
 * Topic models on Apache Spark: embedding as a DataFrame transformation, sample and online fits, distributed transform.
 */
package org.topicj.spark;
