package org.topicj.model2vec.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code BPE} model: a word starts as its characters (with the continuation prefix and
 * end-of-word suffix where configured; unknown characters as byte tokens {@code <0xAB>} with
 * {@code byte_fallback}, else the unknown token, fused with {@code fuse_unk}), then the pair of
 * lowest merge rank is merged, leftmost first, until no pair has a merge: the algorithm of
 * {@code tokenizers}' {@code Word::merge_all} without dropout.
 *
 * <p>Thread-safety: safe for concurrent use (the word cache is concurrent).
 */
final class Bpe implements TokenModel {
    private static final int CACHE_CAPACITY = 10_000;
    private static final int CACHE_MAX_WORD = 256;

    private final Map<String, Integer> vocab;
    private final Map<Long, int[]> merges;
    private final String unkToken;
    private final String prefix;
    private final String suffix;
    private final boolean fuseUnk;
    private final boolean byteFallback;
    private final boolean ignoreMerges;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /** Settings of a BPE model besides its vocabulary and merges. */
    record Options(String unkToken, String continuingSubwordPrefix, String endOfWordSuffix, boolean fuseUnk,
                   boolean byteFallback, boolean ignoreMerges) {
    }

    Bpe(Map<String, Integer> vocab, java.util.List<String[]> mergeList, Options options) {
        this.vocab = Map.copyOf(vocab);
        this.unkToken = options.unkToken();
        this.prefix = options.continuingSubwordPrefix();
        this.suffix = options.endOfWordSuffix();
        this.fuseUnk = options.fuseUnk();
        this.byteFallback = options.byteFallback();
        this.ignoreMerges = options.ignoreMerges();
        this.merges = new java.util.HashMap<>(mergeList.size() * 2);
        int prefixLength = prefix == null ? 0 : prefix.length();
        for (int rank = 0; rank < mergeList.size(); rank++) {
            String a = mergeList.get(rank)[0];
            String b = mergeList.get(rank)[1];
            String joined = a + b.substring(Math.min(prefixLength, b.length()));
            merges.put(pair(id(a, "merge"), id(b, "merge")), new int[] {rank, id(joined, "merged token")});
        }
    }

    private int id(String token, String what) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("BPE " + what + " '" + token + "' is not in the vocabulary");
        }
        return id;
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    @Override
    public void tokenize(String word, IdList out) {
        if (word.isEmpty()) {
            return;
        }
        if (ignoreMerges) {
            Integer id = vocab.get(word);
            if (id != null) {
                out.add(id);
                return;
            }
        }
        int[] ids = cache.get(word);
        if (ids == null) {
            ids = merge(initialSymbols(word));
            if (word.length() < CACHE_MAX_WORD && cache.size() < CACHE_CAPACITY) {
                cache.put(word, ids);
            }
        }
        for (int id : ids) {
            out.add(id);
        }
    }

    private IdList initialSymbols(String w) {
        IdList symbols = new IdList();
        Integer unk = null;
        for (int i = 0; i < w.length(); ) {
            int next = i + Character.charCount(w.codePointAt(i));
            String s = w.substring(i, next);
            if (i > 0 && prefix != null) {
                s = prefix + s;
            }
            if (next == w.length() && suffix != null) {
                s = s + suffix;
            }
            Integer id = vocab.get(s);
            if (id != null) {
                if (unk != null) {
                    symbols.add(unk);
                    unk = null;
                }
                symbols.add(id);
            } else if (!(byteFallback && addBytes(s, symbols)) && unkToken != null) {
                if (unk != null && !fuseUnk) {
                    symbols.add(unk);
                }
                unk = id(unkToken, "unknown token");
            }
            i = next;
        }
        if (unk != null) {
            symbols.add(unk);
        }
        return symbols;
    }

    private boolean addBytes(String s, IdList symbols) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            Integer id = vocab.get(String.format(Locale.ROOT, "<0x%02X>", bytes[i] & 0xFF));
            if (id == null) {
                return false;
            }
            ids[i] = id;
        }
        for (int id : ids) {
            symbols.add(id);
        }
        return true;
    }

    /** Merges a word's symbols: a priority queue on (rank, position), stale entries skipped. */
    private int[] merge(IdList initial) {
        int n = initial.size();
        int[] c = initial.toArray();
        int[] prev = new int[n];
        int[] next = new int[n];
        boolean[] removed = new boolean[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        for (int i = 0; i + 1 < n; i++) {
            offer(queue, c[i], c[i + 1], i);
        }
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int pos = (int) top[1];
            if (removed[pos] || next[pos] == -1) {
                continue;
            }
            int right = next[pos];
            int[] m = merges.get(pair(c[pos], c[right]));
            if (m == null || m[1] != (int) top[2]) {
                continue;
            }
            c[pos] = m[1];
            removed[right] = true;
            next[pos] = next[right];
            if (next[right] != -1) {
                prev[next[right]] = pos;
            }
            if (prev[pos] >= 0) {
                offer(queue, c[prev[pos]], c[pos], prev[pos]);
            }
            if (next[pos] != -1) {
                offer(queue, c[pos], c[next[pos]], pos);
            }
        }
        IdList out = new IdList();
        for (int i = 0; i >= 0 && i < n; i = next[i]) {
            out.add(c[i]);
        }
        return out.toArray();
    }

    private void offer(PriorityQueue<long[]> queue, int a, int b, int pos) {
        int[] m = merges.get(pair(a, b));
        if (m != null) {
            queue.add(new long[] {m[0], pos, m[1]});
        }
    }

    @Override
    public Map<String, Integer> vocab() {
        return vocab;
    }

    @Override
    public String unkToken() {
        return unkToken;
    }
}
