package org.topicj.hf;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.topicj.embed.BackendInitializationException;
import org.topicj.spi.support.DjlRuntime;

/**
 * Turns texts into the token sequences a model runs on, as sentence-transformers does: the prompt
 * prepended to the text, the tokenizer's special tokens around it (read once from its
 * post-processor: {@code [CLS] ... [SEP]}, {@code <s> ... </s>}, {@code <bos> ... <eos>}, Qwen3's
 * trailing {@code <|endoftext|>}), and the content cut so the whole fits {@code maxLength}. With
 * {@code chunk}, a long text instead becomes overlapping windows that each carry the special tokens
 * and the prompt, and are weighted by their share of the text.
 *
 * <p>Thread-safety: safe; the tokenizer is only read.
 */
final class TextEncoder implements AutoCloseable {
    /**
     * One sequence to run.
     *
     * @param text the text it belongs to
     * @param ids token ids, special tokens included
     * @param weight its share of the text's vector (1 unless chunked)
     */
    record Sequence(int text, long[] ids, double weight) {
    }

    private final HuggingFaceTokenizer tokenizer;
    private final long[] prefix;
    private final long[] suffix;
    private final boolean lowerCase;
    private final String prompt;
    private final int promptTokens;
    private final int promptLength;
    private final int maxLength;

    private TextEncoder(HuggingFaceTokenizer tokenizer, long[] prefix, long[] suffix, boolean lowerCase, String prompt,
                        int maxLength) {
        this.tokenizer = tokenizer;
        this.prefix = prefix;
        this.suffix = suffix;
        this.lowerCase = lowerCase;
        this.prompt = prompt;
        this.promptTokens = prompt.isEmpty() ? 0 : content(prompt).length;
        // sentence-transformers' prompt length: the prompt tokenised alone, less a trailing special token.
        this.promptLength = promptTokens == 0 ? 0 : prefix.length + promptTokens + (suffix.length > 0 ? suffix.length - 1 : 0);
        this.maxLength = maxLength;
        if (room() < 1) {
            throw new BackendInitializationException("max_length " + maxLength + " leaves no room for text: the special "
                    + "tokens take " + (prefix.length + suffix.length) + " and the prompt '" + prompt + "' " + promptTokens);
        }
    }

    /**
     * @param file tokenizer.json
     * @param modelId for messages
     * @param lowerCase whether texts are lower-cased first (sentence-transformers' do_lower_case)
     * @param prompt prepended to every text ("" for none)
     * @param maxLength tokens per sequence, special tokens included
     * @return the encoder; close it to free the tokenizer
     */
    static TextEncoder open(Path file, String modelId, boolean lowerCase, String prompt, int maxLength) {
        DjlRuntime.offline();
        HuggingFaceTokenizer tok;
        try {
            tok = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "true", "truncation", "false",
                    "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new BackendInitializationException("cannot load the tokenizer " + file + " of model '" + modelId + "': "
                    + e.getMessage() + "; expected a Hugging Face tokenizer.json", e);
        }
        try {
            long[][] template = template(tok, file);
            return new TextEncoder(tok, template[0], template[1], lowerCase, prompt, maxLength);
        } catch (RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    /** The special tokens the post-processor puts before and after a single text, found from a probe. */
    private static long[][] template(HuggingFaceTokenizer tok, Path file) {
        String probe = "hello world";
        long[] with = tok.encode(probe, true, false).getIds();
        long[] without = tok.encode(probe, false, false).getIds();
        for (int start = 0; start + without.length <= with.length; start++) {
            if (Arrays.equals(with, start, start + without.length, without, 0, without.length)) {
                return new long[][] {Arrays.copyOfRange(with, 0, start),
                        Arrays.copyOfRange(with, start + without.length, with.length)};
            }
        }
        throw new BackendInitializationException("cannot tell the special tokens of " + file + ": with them, '" + probe
                + "' is " + Arrays.toString(with) + ", without them " + Arrays.toString(without));
    }

    /** @return tokens a text's content may take in one sequence */
    int room() {
        return maxLength - prefix.length - suffix.length - promptTokens;
    }

    /**
     * @return how many leading tokens of every sequence are the prompt's, for pooling without it
     *     (sentence-transformers' {@code include_prompt=false}); 0 without a prompt
     */
    int promptLength() {
        return promptLength;
    }

    /** @return the prompt */
    String prompt() {
        return prompt;
    }

    private long[] content(String text) {
        Encoding e = tokenizer.encode(text, false, false);
        return e.getIds();
    }

    /**
     * @param index the text's position
     * @param text the text
     * @param chunk false: cut at max_length; true: overlapping windows
     * @param overlap tokens shared by neighbouring windows (chunk only), less than {@link #room()}
     * @return its sequences
     */
    List<Sequence> encode(int index, String text, boolean chunk, int overlap) {
        String t = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
        long[] all = content(prompt + t);
        int p = Math.min(promptTokens, all.length);
        long[] head = Arrays.copyOfRange(all, 0, p);
        long[] body = Arrays.copyOfRange(all, p, all.length);
        int room = room();
        if (!chunk || body.length <= room) {
            return List.of(new Sequence(index, join(head, body, 0, Math.min(body.length, room)), 1.0));
        }
        int stride = room - overlap;
        List<int[]> windows = new ArrayList<>();
        for (int start = 0; ; start += stride) {
            int end = Math.min(body.length, start + room);
            windows.add(new int[] {start, end});
            if (end == body.length) {
                break;
            }
        }
        List<Sequence> out = new ArrayList<>();
        for (int[] w : windows) {
            out.add(new Sequence(index, join(head, body, w[0], w[1]), (double) (w[1] - w[0]) / body.length));
        }
        return out;
    }

    private long[] join(long[] head, long[] body, int from, int to) {
        long[] ids = new long[prefix.length + head.length + (to - from) + suffix.length];
        int k = 0;
        System.arraycopy(prefix, 0, ids, k, prefix.length);
        k += prefix.length;
        System.arraycopy(head, 0, ids, k, head.length);
        k += head.length;
        System.arraycopy(body, from, ids, k, to - from);
        k += to - from;
        System.arraycopy(suffix, 0, ids, k, suffix.length);
        return ids;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
