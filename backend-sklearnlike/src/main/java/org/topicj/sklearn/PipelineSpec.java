package org.topicj.sklearn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.topicj.embed.InvalidKeyException;
import org.topicj.sklearn.spi.StepProvider;
import org.topicj.text.CountVectorizer;
import org.topicj.text.StopWords;

/**
 * Parses the model part of {@code sklearn:} keys into a {@link Pipeline}. Grammar:
 * <pre>
 *   pipeline := step ("+" step)*
 *   step     := name [ "(" arg ("," arg)* ")" ]
 *   arg      := value | key "=" value
 * </pre>
 * The first step is a vectorizer, the others transform matrices:
 * <ul>
 *   <li>{@code count}, {@code tfidf}, {@code hashing}: {@code min_df}, {@code max_df} (an integer is a count, a
 *       decimal a fraction), {@code max_features}, {@code ngram} ({@code 1-2}), {@code stop_words}
 *       ({@code english}), {@code lowercase}; tfidf also {@code use_idf}, {@code smooth_idf},
 *       {@code sublinear_tf}, {@code norm} (l2, l1, none); hashing also {@code n_features},
 *       {@code alternate_sign}, {@code norm}.</li>
 *   <li>{@code svd(N)}: truncated SVD to N components; {@code n_iter}, {@code n_oversamples}, {@code seed}.</li>
 *   <li>{@code isvd(N)}: the same, learnt batch by batch with {@code partialFit}; {@code seed}.</li>
 *   <li>{@code normalize} (l2, l1, max) and {@code scale} ({@code with_mean}, {@code with_std}).</li>
 * </ul>
 * Examples: {@code tfidf+svd(100)}, {@code tfidf(min_df=2,stop_words=english,sublinear_tf=true)},
 * {@code hashing(n_features=65536)+svd(50)+normalize}.
 */
public final class PipelineSpec {
    private static final Set<String> BUILT_IN = Set.of("count", "tfidf", "hashing", "svd", "isvd", "normalize", "scale");
    private static volatile Map<String, StepProvider> plugins;

    private PipelineSpec() {
    }

    /** Third-party steps found through {@link java.util.ServiceLoader}, once. */
    static Map<String, StepProvider> plugins() {
        Map<String, StepProvider> current = plugins;
        if (current == null) {
            Map<String, StepProvider> found = new java.util.TreeMap<>();
            for (StepProvider p : java.util.ServiceLoader.load(StepProvider.class, PipelineSpec.class.getClassLoader())) {
                String name = p.name();
                if (BUILT_IN.contains(name)) {
                    throw new org.topicj.TopicJException("step provider " + p.getClass().getName() + " uses the built-in step name '"
                            + name + "'; rename it");
                }
                StepProvider clash = found.put(name, p);
                if (clash != null) {
                    throw new org.topicj.TopicJException("two step providers are named '" + name + "': "
                            + clash.getClass().getName() + " and " + p.getClass().getName());
                }
            }
            current = Map.copyOf(found);
            plugins = current;
        }
        return current;
    }

    /**
     * @param spec the model part of the key
     * @return the pipeline
     * @throws InvalidKeyException naming the bad step or argument
     */
    public static Pipeline parse(String spec) {
        List<String> steps = split(spec, '+');
        if (steps.isEmpty() || steps.stream().anyMatch(String::isBlank)) {
            throw new InvalidKeyException("sklearn pipeline '" + spec + "' has an empty step; write steps like tfidf+svd(100)");
        }
        TextStep first = null;
        List<MatrixStep> rest = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i).strip();
            int open = step.indexOf('(');
            String name = (open < 0 ? step : step.substring(0, open)).strip().toLowerCase(Locale.ROOT);
            Map<String, String> args = open < 0 ? Map.of() : args(step, open, spec);
            StepProvider plugin = BUILT_IN.contains(name) ? null : plugins().get(name);
            if (plugin != null) {
                TextStep t = plugin.textStep(args);
                MatrixStep ms = t == null ? plugin.matrixStep(args) : null;
                if (t == null && ms == null) {
                    throw new InvalidKeyException("sklearn pipeline '" + spec + "': step provider '" + name + "' gave no step");
                }
                if ((i == 0) != (t != null)) {
                    throw new InvalidKeyException("sklearn pipeline '" + spec + "': '" + name + "' is a "
                            + (t != null ? "vectorizer and must come first" : "matrix step and cannot come first"));
                }
                if (t != null) {
                    first = t;
                } else {
                    rest.add(ms);
                }
                continue;
            }
            boolean text = Set.of("count", "tfidf", "hashing").contains(name);
            if (i == 0 != text) {
                throw new InvalidKeyException("sklearn pipeline '" + spec + "': " + (i == 0
                        ? "must start with a vectorizer (count, tfidf or hashing), not '" + name + "'"
                        : "'" + name + "' can only be the first step"));
            }
            if (i == 0) {
                first = textStep(name, args, spec);
            } else {
                rest.add(matrixStep(name, args, spec));
            }
        }
        return new Pipeline(first, rest);
    }

    private static TextStep textStep(String name, Map<String, String> a, String spec) {
        Args args = new Args(a, spec, name);
        CountVectorizer.Builder cv = CountVectorizer.builder().lowercase(args.bool("lowercase", true));
        args.ifPresent("min_df", v -> {
            if (v.contains(".")) {
                cv.minDf(Double.parseDouble(v));
            } else {
                cv.minDf(Integer.parseInt(v));
            }
        });
        args.ifPresent("max_df", v -> {
            if (v.contains(".")) {
                cv.maxDf(Double.parseDouble(v));
            } else {
                cv.maxDf(Integer.parseInt(v));
            }
        });
        args.ifPresent("max_features", v -> cv.maxFeatures(Integer.parseInt(v)));
        args.ifPresent("ngram", v -> {
            String[] p = v.split("-");
            cv.ngramRange(Integer.parseInt(p[0]), Integer.parseInt(p[p.length - 1]));
        });
        args.ifPresent("stop_words", v -> {
            if (v.equalsIgnoreCase("english")) {
                cv.stopWords(StopWords.english());
            } else if (!v.equalsIgnoreCase("none")) {
                throw new InvalidKeyException("sklearn pipeline '" + spec + "': stop_words must be english or none, got '" + v + "'");
            }
        });
        TextStep step = switch (name) {
            case "count" -> new CountStep(cv.build());
            case "tfidf" -> new TfidfVectorizer(cv.build(), args.bool("use_idf", true), args.bool("smooth_idf", true),
                    args.bool("sublinear_tf", false), args.string("norm", "l2"));
            default -> new HashingVectorizer(cv.build(), args.integer("n_features", 1 << 20),
                    args.bool("alternate_sign", true), args.string("norm", "l2"));
        };
        args.requireAllUsed();
        return step;
    }

    private static MatrixStep matrixStep(String name, Map<String, String> a, String spec) {
        Args args = new Args(a, spec, name);
        MatrixStep step = switch (name) {
            case "svd" -> new TruncatedSvd(args.integer("0", args.integer("n_components", -1)), args.integer("n_iter", 5),
                    args.integer("n_oversamples", 10), args.integer("seed", 0));
            case "isvd" -> new IncrementalSvd(args.integer("0", args.integer("n_components", -1)), args.integer("seed", 0));
            case "normalize" -> new Normalizer(args.string("0", args.string("norm", "l2")));
            case "scale" -> new StandardScaler(args.bool("with_mean", true), args.bool("with_std", true));
            default -> throw new InvalidKeyException("sklearn pipeline '" + spec + "': unknown step '" + name
                    + "'; steps: count, tfidf, hashing, svd, isvd, normalize, scale" + (plugins().isEmpty() ? "" : ", " + plugins().keySet()));
        };
        args.requireAllUsed();
        return step;
    }

    private static Map<String, String> args(String step, int open, String spec) {
        if (!step.endsWith(")")) {
            throw new InvalidKeyException("sklearn pipeline '" + spec + "': step '" + step + "' is missing its closing ')'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        String inner = step.substring(open + 1, step.length() - 1).strip();
        if (inner.isEmpty()) {
            return out;
        }
        int position = 0;
        for (String arg : split(inner, ',')) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                out.put(Integer.toString(position++), arg.strip());
            } else {
                out.put(arg.substring(0, eq).strip().toLowerCase(Locale.ROOT), arg.substring(eq + 1).strip());
            }
        }
        return out;
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == sep && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** Typed access to a step's arguments; every argument must be used, so typos fail. */
    private static final class Args {
        private final Map<String, String> values;
        private final java.util.Set<String> used = new java.util.HashSet<>();
        private final String spec;
        private final String step;

        Args(Map<String, String> values, String spec, String step) {
            this.values = values;
            this.spec = spec;
            this.step = step;
        }

        void ifPresent(String key, java.util.function.Consumer<String> action) {
            String v = values.get(key);
            if (v != null) {
                used.add(key);
                try {
                    action.accept(v);
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    throw bad(key, v);
                }
            }
        }

        String string(String key, String fallback) {
            String v = values.get(key);
            if (v == null) {
                return fallback;
            }
            used.add(key);
            return v;
        }

        int integer(String key, int fallback) {
            String v = string(key, null);
            try {
                return v == null ? fallback : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw bad(key, v);
            }
        }

        boolean bool(String key, boolean fallback) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
            throw bad(key, v);
        }

        void requireAllUsed() {
            java.util.Set<String> unused = new java.util.TreeSet<>(values.keySet());
            unused.removeAll(used);
            if (!unused.isEmpty()) {
                throw new InvalidKeyException("sklearn pipeline '" + spec + "': step '" + step + "' does not take " + unused);
            }
        }

        private InvalidKeyException bad(String key, String v) {
            return new InvalidKeyException("sklearn pipeline '" + spec + "': step '" + step + "' argument "
                    + (key.matches("\\d+") ? "#" + (Integer.parseInt(key) + 1) : "'" + key + "'") + " has a bad value '" + v + "'");
        }
    }
}
