package org.topicj.sbert;

import java.util.List;
import java.util.OptionalInt;
import org.topicj.embed.Embedder;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

/**
 * The {@code sbert} provider: sentence-transformers models on ONNX Runtime. Claims every bare
 * model id, as BERTopic hands any unknown string to sentence-transformers; rank 10, so more
 * specific providers can rank before it.
 *
 * <p>Options: {@code batch_size} (default 32), {@code threads} (0 = all cores),
 * {@code max_seq_length}, {@code revision} (Hugging Face cache), {@code onnx_file},
 * {@code allow_download} (fetch a missing model from the Hugging Face Hub into the cache; default false),
 * {@code precision} ({@code fp32}, default, or {@code int8}: see {@link Precision}).
 */
public final class SbertEmbedderProvider implements EmbedderProvider {
    /** The provider's rank among claimants of a bare id. */
    public static final int RANK = 10;

    @Override
    public String name() {
        return "sbert";
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-sbert";
    }

    @Override
    public boolean claims(String modelId) {
        return true;
    }

    @Override
    public String claimsDescription() {
        return "any sentence-transformers model id or folder (bundled: all-MiniLM-L6-v2; "
                + "all-MiniLM-L6-v2-q, BAAI/bge-small-en-v1.5, intfloat/e5-small-v2 with their jars; "
                + "others from the Hugging Face cache)";
    }

    @Override
    public OptionalInt dimension(String modelId) {
        return BundledModel.find(modelId).map(m -> OptionalInt.of(BundledModel.DIMENSION)).orElse(OptionalInt.empty());
    }

    @Override
    public List<BackendOption> options() {
        return List.of(
                BackendOption.integer("batch_size", 32, "texts per ONNX Runtime run"),
                BackendOption.integer("threads", 0, "ONNX Runtime intra-op threads; 0 = every core"),
                BackendOption.integer("max_seq_length", null, "word pieces kept per text (default: the model's max_seq_length)"),
                BackendOption.string("revision", "main", "branch, tag or commit of a Hugging Face cache entry"),
                BackendOption.string("onnx_file", null, "the ONNX graph inside the model folder (default: model.onnx or onnx/model.onnx)"),
                BackendOption.bool("allow_download", false, "fetch a model missing from the cache from the Hugging Face Hub"),
                BackendOption.string("precision", "fp32", "fp32, or int8: MatMul weights quantised on load (about 2x faster)"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        SentenceTransformerEmbedder.Builder b = SentenceTransformerEmbedder.builder()
                .model(spec.model())
                .batchSize(spec.intOption("batch_size", 32))
                .threads(spec.intOption("threads", 0))
                .allowDownload(spec.booleanOption("allow_download", false))
                .precision(Precision.parse(spec.option("precision").orElse("fp32")))
                .key(spec.key());
        spec.option("max_seq_length").ifPresent(v -> b.maxSeqLength(spec.intOption("max_seq_length", 0)));
        spec.option("revision").ifPresent(b::revision);
        spec.option("onnx_file").ifPresent(b::onnxFile);
        return b.build();
    }
}
