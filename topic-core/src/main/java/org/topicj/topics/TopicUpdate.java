package org.topicj.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * BERTopic's {@code update_topics}: the topics' words computed again with other settings (another
 * vectorizer or n-gram range, another c-TF-IDF weighting, another number of words or
 * representation) while every document keeps its topic and every topic its embedding, label and
 * zero-shot name. New documents are assigned as before (a model fitted from given labels assigns by
 * the new words).
 *
 * <p>Where BERTopic 0.17.4 differs: it resets every setting that is not passed (a custom vectorizer,
 * c-TF-IDF model and representation are dropped, top_n_words becomes 10). TopicJ changes only what
 * the given settings change; pass {@code model.settings().withVectorizer(v)} to change one thing.
 */
final class TopicUpdate {
    private TopicUpdate() {
    }

    static TopicModel update(TopicModel model, List<String> documents, TopicSettings settings) {
        Objects.requireNonNull(settings, "settings");
        TopicModelData d = model.data();
        TopicRepresenter.Represented r = new TopicRepresenter(settings)
                .representAsIs(documents, d.documentTopics(), null, d.topicEmbeddings(), model.embedderHandle()::get);
        if (!Arrays.equals(r.words().topicIdArray(), d.words().topicIdArray())) {
            throw new IllegalStateException("the documents' topics " + Arrays.toString(r.words().topicIdArray())
                    + " are not the model's topics " + Arrays.toString(d.words().topicIdArray()) + "; update the topics of a model "
                    + "whose every topic has training documents");
        }
        List<Topic> topics = new ArrayList<>(r.topics().size());
        for (int row = 0; row < r.topics().size(); row++) {
            Topic fresh = r.topics().get(row);
            Topic old = d.topics().get(row);
            boolean zeroShotName = !old.name().startsWith(old.id() + "_");
            topics.add(new Topic(fresh.id(), fresh.count(), zeroShotName ? old.name() : fresh.name(), fresh.words(),
                    fresh.representativeDocs(), old.representativeImages(), fresh.label() != null ? fresh.label() : old.label()));
        }
        return model.withData(new TopicModelData(settings, r.words(), topics, d.documentTopics(), d.documentProbabilities(),
                d.membership(), d.topicEmbeddings(), d.route(), d.embedderRef(), d.statefulSpec(), d.provenance()));
    }
}
