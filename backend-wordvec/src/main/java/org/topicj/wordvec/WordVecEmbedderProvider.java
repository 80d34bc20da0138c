package org.topicj.wordvec;

import java.nio.file.Path;
import java.util.List;
import org.topicj.embed.Embedder;
import org.topicj.spi.BackendOption;
import org.topicj.spi.EmbedderProvider;
import org.topicj.spi.EmbedderSpec;

/**
 * The {@code wordvec} provider: {@code wordvec:/path/to/vectors.txt} (word2vec text or binary,
 * GloVe, fastText {@code .vec}, each optionally {@code .gz}) and
 * {@code wordvec:spacy:/path/to/en_core_web_md-3.7.1} (a spaCy pipeline's static vectors, pooled as
 * {@code doc.vector}: the mean over all tokens, unknown ones counting as zeros). Options: {@code pooling}
 * (mean|max|min), {@code lowercase} (true|false), {@code token_pattern} (a regex),
 * {@code format} (text|binary, else from the file name). Pure Java; claims no bare ids.
 */
public final class WordVecEmbedderProvider implements EmbedderProvider {
    private static final String SPACY_PREFIX = "spacy:";

    @Override
    public String name() {
        return "wordvec";
    }

    @Override
    public String artifact() {
        return "org.topicj:backend-wordvec";
    }

    @Override
    public String claimsDescription() {
        return "no bare ids (wordvec:/path/to/vectors.txt, wordvec:/path/GoogleNews-vectors.bin.gz, ...)";
    }

    @Override
    public List<BackendOption> options() {
        return List.of(
                BackendOption.choice("pooling", "mean", "how word vectors become one document vector", "mean", "max", "min"),
                BackendOption.bool("lowercase", false, "lower-case texts before looking words up"),
                BackendOption.string("token_pattern", null, "regular expression of a word"),
                BackendOption.choice("format", null, "the vector file's format (default: from the file name)",
                        "text", "glove", "vec", "fasttext", "word2vec-text", "binary", "bin", "word2vec-binary"));
    }

    @Override
    public Embedder open(EmbedderSpec spec) {
        boolean spacy = spec.model().startsWith(SPACY_PREFIX);
        Path file = Path.of(spacy ? spec.model().substring(SPACY_PREFIX.length()) : spec.model());
        if (spacy && spec.option("format").isPresent()) {
            throw new IllegalArgumentException("the format option does not apply to spaCy folders ('" + spec.key() + "')");
        }
        long start = System.nanoTime();
        WordVectors vectors = spacy ? WordVectors.readSpacy(file) : WordVectors.read(file,
                spec.option("format").map(VectorFileFormat::parse).orElseGet(() -> VectorFileFormat.ofFile(file)));
        org.slf4j.LoggerFactory.getLogger(WordVecEmbedderProvider.class).info("read {} vectors of dimension {} from {} in {} ms",
                vectors.size(), vectors.dimension(), file, (System.nanoTime() - start) / 1_000_000);
        return WordVecEmbedder.builder(vectors)
                .pooling(spec.option("pooling").map(Pooling::parse).orElse(Pooling.MEAN))
                .lowercase(spec.booleanOption("lowercase", false))
                .unknownWordsAsZeros(spacy)
                .tokenPattern(spec.option("token_pattern").orElse(spacy ? WordVecEmbedder.SPACY_TOKEN_PATTERN
                        : WordVecEmbedder.DEFAULT_TOKEN_PATTERN))
                .modelId(file.getFileName().toString())
                .key(spec.key())
                .build();
    }
}
