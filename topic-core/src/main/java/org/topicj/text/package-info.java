/**
 * Turning documents into terms: scikit-learn's CountVectorizer, vocabularies and stop words.
 */
package org.topicj.text;
