package org.topicj.examples;

import java.nio.file.Path;
import java.util.List;
import org.topicj.embed.Embedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;
import org.topicj.pipeline.KMeansClusterer;
import org.topicj.pipeline.PcaReducer;
import org.topicj.registry.Embedders;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/** The README's embedder and stage examples: embed once, then fit with PCA and k-means in place of UMAP and HDBSCAN. */
public final class EmbedAndStages {
    private EmbedAndStages() {
    }

    /** @param args unused @throws Exception if anything fails */
    public static void main(String[] args) throws Exception {
        List<String> docs = ExampleDocuments.tickets();
        // snippet:start stages
        try (Embedder embedder = Embedders.open("all-MiniLM-L6-v2")) {
            DenseMatrix vectors = embedder.embed(docs).toDense();
            Npy.write(Path.of("embeddings.npy"), vectors);                    // np.load("embeddings.npy") in Python
            try (TopicModel model = TopicModeler.builder()
                    .embedder(embedder)                                       // yours: the model never closes it
                    .reducer(new PcaReducer(5))                               // any Reducer: UMAP (default), PCA, none
                    .clusterer(new KMeansClusterer(4, 42))                    // any Clusterer: HDBSCAN (default), k-means, given labels
                    .build()
                    .fit(docs, vectors)) {
                model.topics().forEach(t -> System.out.println(t.name()));
            }
        }
        // snippet:end stages
    }
}
