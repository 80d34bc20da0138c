package org.topicj.clip;

/**
 * Pillow's {@code Image.resize} for 8-bit RGB (libImaging/Resample.c): a separable convolution,
 * horizontal pass first, whose kernel widens with the downscale factor (so shrinking averages, it
 * does not alias), with weights in 22-bit fixed point and each pass rounded and clamped to 0..255.
 * Reproduced bit for bit because CLIP's processor resizes with Pillow, and a model sees those exact pixels.
 */
final class PilResample {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** The resampling filters of Pillow that CLIP processors use, by their Pillow codes. */
    enum Filter {
        /** {@code Image.BILINEAR} (2): a triangle of support 1. */
        BILINEAR(1.0) {
            @Override
            double weight(double x) {
                x = Math.abs(x);
                return x < 1.0 ? 1.0 - x : 0.0;
            }
        },
        /** {@code Image.BICUBIC} (3): Keys' cubic with a = -0.5, support 2. */
        BICUBIC(2.0) {
            @Override
            double weight(double x) {
                final double a = -0.5;
                x = Math.abs(x);
                if (x < 1.0) {
                    return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                }
                if (x < 2.0) {
                    return (((x - 5) * x + 8) * x - 4) * a;
                }
                return 0.0;
            }
        };

        final double support;

        Filter(double support) {
            this.support = support;
        }

        abstract double weight(double x);

        static Filter ofPillowCode(int code) {
            return switch (code) {
                case 2 -> BILINEAR;
                case 3 -> BICUBIC;
                default -> throw new IllegalArgumentException("resample " + code + " is not supported; CLIP processors use "
                        + "3 (bicubic) or 2 (bilinear)");
            };
        }
    }

    private PilResample() {
    }

    /**
     * Resizes packed 0xRRGGBB pixels.
     *
     * @param rgb row-major pixels, {@code width * height}
     * @return row-major pixels of the new size
     */
    static int[] resize(int[] rgb, int width, int height, int newWidth, int newHeight, Filter filter) {
        if (width == newWidth && height == newHeight) {
            return rgb.clone();
        }
        int[] channels = unpack(rgb);
        if (newWidth != width) {
            channels = horizontal(channels, width, height, newWidth, filter);
        }
        if (newHeight != height) {
            channels = vertical(channels, newWidth, height, newHeight, filter);
        }
        return pack(channels);
    }

    /** Per output index: first input index, count, then {@code ksize} fixed-point weights. */
    private record Coefficients(int[] bounds, int[] weights, int ksize) {
    }

    private static Coefficients coefficients(int inSize, int outSize, Filter filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support * filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[outSize * 2];
        int[] weights = new int[outSize * ksize];
        double[] k = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                k[x] = filter.weight((x + xmin - center + 0.5) * ss);
                ww += k[x];
            }
            for (int x = 0; x < xmax; x++) {
                double w = ww != 0.0 ? k[x] / ww : k[x];
                // Pillow's normalize_coeffs_8bpc: round half away from zero into fixed point.
                weights[xx * ksize + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS)) : (int) (0.5 + w * (1 << PRECISION_BITS));
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        return new Coefficients(bounds, weights, ksize);
    }

    private static int[] horizontal(int[] in, int width, int height, int newWidth, Filter filter) {
        Coefficients c = coefficients(width, newWidth, filter);
        int[] out = new int[newWidth * height * 3];
        for (int y = 0; y < height; y++) {
            for (int xx = 0; xx < newWidth; xx++) {
                int xmin = c.bounds[xx * 2];
                int xmax = c.bounds[xx * 2 + 1];
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < xmax; x++) {
                        ss += in[(y * width + x + xmin) * 3 + ch] * c.weights[xx * c.ksize + x];
                    }
                    out[(y * newWidth + xx) * 3 + ch] = clip8(ss);
                }
            }
        }
        return out;
    }

    private static int[] vertical(int[] in, int width, int height, int newHeight, Filter filter) {
        Coefficients c = coefficients(height, newHeight, filter);
        int[] out = new int[width * newHeight * 3];
        for (int yy = 0; yy < newHeight; yy++) {
            int ymin = c.bounds[yy * 2];
            int ymax = c.bounds[yy * 2 + 1];
            for (int x = 0; x < width; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < ymax; y++) {
                        ss += in[((y + ymin) * width + x) * 3 + ch] * c.weights[yy * c.ksize + y];
                    }
                    out[(yy * width + x) * 3 + ch] = clip8(ss);
                }
            }
        }
        return out;
    }

    private static int clip8(int in) {
        int v = in >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static int[] unpack(int[] rgb) {
        int[] out = new int[rgb.length * 3];
        for (int i = 0; i < rgb.length; i++) {
            out[i * 3] = rgb[i] >> 16 & 0xff;
            out[i * 3 + 1] = rgb[i] >> 8 & 0xff;
            out[i * 3 + 2] = rgb[i] & 0xff;
        }
        return out;
    }

    private static int[] pack(int[] channels) {
        int[] out = new int[channels.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = channels[i * 3] << 16 | channels[i * 3 + 1] << 8 | channels[i * 3 + 2];
        }
        return out;
    }
}
