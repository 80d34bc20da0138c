package org.topicj.clip;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.ImageEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;
import org.topicj.spi.support.DjlRuntime;
import org.topicj.spi.support.LocalModelBuilder;

/**
 * CLIP on ONNX Runtime: texts and images in one space, so documents that are images, captions or
 * both can be clustered together (BERTopic's {@code MultiModalBackend}). Reads Hugging Face CLIP ONNX
 * exports: one graph with {@code input_ids}, {@code attention_mask}, {@code pixel_values} and outputs
 * {@code text_embeds} / {@code image_embeds}, or separate text and vision graphs. Texts are cut to
 * the model's 77 tokens (never an error) and padded with the end token, as CLIP's tokenizer pads.
 *
 * <p>Images are decoded with {@link ImageIO} (JPEG, PNG, BMP, GIF; more through ImageIO plugins on
 * the class path) and preprocessed as {@code preprocessor_config.json} says. An image that cannot be
 * read fails the call with an {@link UnreadableImageException} naming it, or, with
 * {@link UnreadableImages#SKIP}, gives a row of NaN (never zeros) and a warning that names it.
 *
 * <p>Rows are L2-normalised by default ({@code normalize=false} keeps the projection as the graph
 * returns it). Thread-safety: safe; ONNX Runtime sessions run concurrent calls, and {@code close}
 * waits for running calls.
 */
public final class ClipEmbedder extends AbstractEmbedder implements ImageEmbedder {
    private static final Logger LOG = LoggerFactory.getLogger(ClipEmbedder.class);

    /** What to do with an image that cannot be opened or decoded. */
    public enum UnreadableImages {
        /** Fail the call with an {@link UnreadableImageException} naming the image (the default). */
        FAIL,
        /** Give the image a row of NaN, which marks it missing, and log a warning naming it. */
        SKIP
    }

    private final ClipGraphs graphs;
    private final HuggingFaceTokenizer tokenizer;
    private final ClipImageProcessor processor;
    private final long padId;
    private final int batchSize;
    private final UnreadableImages unreadable;

    private ClipEmbedder(Builder b, ClipGraphs graphs, HuggingFaceTokenizer tokenizer, ClipImageProcessor processor, long padId) {
        super(b.modelId(), graphs.dimension(), b.normalize, b.key());
        this.graphs = graphs;
        this.tokenizer = tokenizer;
        this.processor = processor;
        this.padId = padId;
        this.batchSize = b.batchSize();
        this.unreadable = b.unreadable;
    }

    /** @return a builder; {@link Builder#folder(Path)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** The tokenizer, for tests in this package that check token ids. */
    HuggingFaceTokenizer tokenizerForTests() {
        return tokenizer;
    }

    /** @return the image size the model takes, as {height, width} */
    public int[] imageSize() {
        return new int[] {processor.outputHeight(), processor.outputWidth()};
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        int n = texts.size();
        float[] out = new float[n * dimension()];
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            long[][] ids = new long[end - start][];
            for (int i = start; i < end; i++) {
                ids[i - start] = tokenizer.encode(texts.get(i)).getIds();
            }
            copyRows(graphs.text(ids, padId), out, start);
            progress.update("embedding texts", end, n);
        }
        return finish(out, n);
    }

    @Override
    public Matrix embedImages(List<Path> images, ProgressListener progress) {
        Objects.requireNonNull(images, "images");
        return embedDecoded(images.size(), i -> decode(images, i), ProgressListener.orNone(progress));
    }

    /**
     * Embeds images already in memory.
     *
     * @param images the images; none may be {@code null}
     * @param progress told how many images are done
     * @return one row per image
     */
    public Matrix embedBufferedImages(List<BufferedImage> images, ProgressListener progress) {
        Objects.requireNonNull(images, "images");
        for (int i = 0; i < images.size(); i++) {
            Objects.requireNonNull(images.get(i), "image " + i + " is null");
        }
        return embedDecoded(images.size(), images::get, ProgressListener.orNone(progress));
    }

    private interface ImageSource {
        BufferedImage get(int index);
    }

    private Matrix embedDecoded(int n, ImageSource source, ProgressListener progress) {
        if (n == 0) {
            ensureOpen();
            return DenseMatrix.zeros(0, dimension());
        }
        int h = processor.outputHeight();
        int w = processor.outputWidth();
        float[] out = new float[n * dimension()];
        List<Integer> skipped = new ArrayList<>();
        whileOpen(() -> {
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                List<Integer> rows = new ArrayList<>();
                float[] pixels = new float[(end - start) * 3 * h * w];
                for (int i = start; i < end; i++) {
                    BufferedImage image = source.get(i);
                    if (image == null) {
                        skipped.add(i);
                        continue;
                    }
                    processor.process(image, pixels, rows.size() * 3 * h * w);
                    rows.add(i);
                }
                if (!rows.isEmpty()) {
                    float[] vectors = graphs.image(Arrays.copyOf(pixels, rows.size() * 3 * h * w), rows.size(), h, w);
                    for (int r = 0; r < rows.size(); r++) {
                        System.arraycopy(vectors, r * dimension(), out, rows.get(r) * dimension(), dimension());
                    }
                }
                progress.update("embedding images", end, n);
            }
            return null;
        });
        Matrix m = finish(out, n);
        float[] data = ((DenseMatrix) m).rawData();
        for (int i : skipped) {
            Arrays.fill(data, i * dimension(), (i + 1) * dimension(), Float.NaN);
        }
        return m;
    }

    /** Reads image {@code i}; null only under {@link UnreadableImages#SKIP}. */
    private BufferedImage decode(List<Path> images, int i) {
        Path file = Objects.requireNonNull(images.get(i), () -> "image " + i + " is null");
        String problem;
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image != null) {
                return image;
            }
            problem = "no ImageIO reader recognises its format (JPEG, PNG, BMP and GIF are built in; add an ImageIO "
                    + "plugin such as TwelveMonkeys for WebP or TIFF)";
        } catch (IOException | RuntimeException e) {
            problem = Files.exists(file) ? "it cannot be decoded: " + e.getMessage() : "no such file";
        }
        if (unreadable == UnreadableImages.SKIP) {
            LOG.warn("skipping image {} ({}): {}; its row is NaN", i, file, problem);
            return null;
        }
        throw new UnreadableImageException(i, file, "cannot read image " + i + " (" + file + "): " + problem
                + ". Fix or remove it, or choose on_unreadable_image=skip to mark it missing (a NaN row)");
    }

    private void copyRows(float[] vectors, float[] out, int firstRow) {
        System.arraycopy(vectors, 0, out, firstRow * dimension(), vectors.length);
    }

    private Matrix finish(float[] out, int n) {
        if (normalized()) {
            normalizeRows(out, dimension());
        }
        return DenseMatrix.wrap(n, dimension(), out);
    }

    @Override
    protected void release() {
        try {
            graphs.close();
        } finally {
            tokenizer.close();
        }
    }

    /** Options for {@link ClipEmbedder}; {@link #folder(Path)} (ONNX graphs, tokenizer.json, preprocessor_config.json) is required; batch size 32. */
    public static final class Builder extends LocalModelBuilder<Builder> {
        private int threads;
        private boolean normalize = true;
        private UnreadableImages unreadable = UnreadableImages.FAIL;

        private Builder() {
            super(32);
        }

        /** @param threads ONNX Runtime intra-op threads, 0 for all cores; @return this */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** @param normalize whether rows are scaled to unit length; default true; @return this */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** @param policy what to do with an image that cannot be read; default {@link UnreadableImages#FAIL}; @return this */
        public Builder onUnreadableImage(UnreadableImages policy) {
            this.unreadable = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Loads the graphs, tokenizer and preprocessing.
         *
         * @return the embedder; close it to free the ONNX sessions
         * @throws BackendInitializationException if the folder is not a usable CLIP export
         */
        public ClipEmbedder build() {
            String id = modelId();
            ClipFolder f = ClipFolder.read(requireFolder());
            HuggingFaceTokenizer tokenizer = tokenizer(f, id);
            ClipGraphs graphs = null;
            try {
                long[] emptyText = tokenizer.encode("").getIds();
                long padId = emptyText[emptyText.length - 1];
                ClipImageProcessor processor = f.processor();
                graphs = ClipGraphs.open(f, threads, emptyText, processor.outputHeight(), processor.outputWidth(), id);
                return new ClipEmbedder(this, graphs, tokenizer, processor, padId);
            } catch (RuntimeException e) {
                if (graphs != null) {
                    graphs.close();
                }
                tokenizer.close();
                throw e;
            }
        }

        private static HuggingFaceTokenizer tokenizer(ClipFolder f, String id) {
            DjlRuntime.offline();
            Map<String, String> options = new HashMap<>(Map.of("addSpecialTokens", "true", "truncation", "true",
                    "padding", "false", "maxLength", Integer.toString(f.maxTextLength())));
            try {
                return HuggingFaceTokenizer.newInstance(f.tokenizer(), options);
            } catch (IOException | RuntimeException e) {
                throw new BackendInitializationException("cannot load the tokenizer " + f.tokenizer() + " of CLIP model '"
                        + id + "': " + e.getMessage() + "; expected a Hugging Face tokenizer.json", e);
            }
        }
    }
}
