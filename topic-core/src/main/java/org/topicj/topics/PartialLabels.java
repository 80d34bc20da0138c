package org.topicj.topics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labels known for some documents, -1 for the others: semi-supervised topic modelling (BERTopic's
 * {@code fit_transform(docs, y=...)}). They steer the reduction (UMAP's categorical target metric,
 * {@link org.topicj.umap.Umap#fit(org.topicj.matrix.Matrix, int[], org.topicj.progress.ProgressListener)})
 * so that documents with the same label land together; the clustering then finds the topics, which
 * need not equal the labels. Unlike {@link TopicModeler#fit(java.util.List, int[])} (manual mode),
 * nothing is skipped.
 *
 * <p>Thread-safety: immutable.
 */
public final class PartialLabels {
    private final int[] labels;

    private PartialLabels(int[] labels) {
        this.labels = labels;
    }

    /**
     * @param labels one per document: any integer category, -1 where unknown
     * @return the labels
     * @throws IllegalArgumentException for a label below -1, or if none is known
     */
    public static PartialLabels of(int[] labels) {
        Objects.requireNonNull(labels, "labels");
        boolean known = false;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException("label " + labels[i] + " of document " + i + " is invalid; use -1 where unknown");
            }
            known |= labels[i] >= 0;
        }
        if (!known) {
            throw new IllegalArgumentException("every label is -1 (unknown); give some labels, or fit without them");
        }
        return new PartialLabels(labels.clone());
    }

    /** @return the labels (a copy) */
    public int[] labels() {
        return labels.clone();
    }

    int[] array() {
        return labels;
    }

    /** @return how many documents */
    public int size() {
        return labels.length;
    }

    @Override
    public String toString() {
        return "PartialLabels[" + labels.length + " documents, " + Arrays.stream(labels).filter(l -> l >= 0).count() + " labelled]";
    }
}
