package org.topicj.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CLIP's image preprocessing, as Hugging Face's {@code CLIPImageProcessor} does it from
 * {@code preprocessor_config.json}: convert to RGB (alpha dropped), resize so the shortest edge has
 * {@code size.shortest_edge} pixels (Pillow's resampling, reproduced exactly), centre-crop to
 * {@code crop_size} (zero-padded when the image is smaller), rescale by {@code rescale_factor}, and
 * normalise with the model's {@code image_mean} and {@code image_std}. Output is channels-first.
 *
 * <p>Thread-safety: immutable.
 */
final class ClipImageProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float[] OPENAI_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] OPENAI_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final boolean resize;
    private final int shortestEdge;
    private final int resizeHeight;
    private final int resizeWidth;
    private final PilResample.Filter filter;
    private final boolean crop;
    private final int cropHeight;
    private final int cropWidth;
    private final boolean rescale;
    private final double rescaleFactor;
    private final boolean normalize;
    private final float[] mean;
    private final float[] std;

    private ClipImageProcessor(JsonNode c) {
        resize = c.path("do_resize").asBoolean(true);
        JsonNode size = c.path("size");
        shortestEdge = size.isInt() ? size.asInt() : size.path("shortest_edge").asInt(-1);
        resizeHeight = size.path("height").asInt(-1);
        resizeWidth = size.path("width").asInt(-1);
        if (resize && shortestEdge <= 0 && (resizeHeight <= 0 || resizeWidth <= 0)) {
            throw new IllegalArgumentException("preprocessor_config.json: size must be {\"shortest_edge\": N} or "
                    + "{\"height\": H, \"width\": W}, got " + size);
        }
        filter = PilResample.Filter.ofPillowCode(c.path("resample").asInt(3));
        crop = c.path("do_center_crop").asBoolean(true);
        JsonNode cropSize = c.path("crop_size");
        cropHeight = cropSize.isInt() ? cropSize.asInt() : cropSize.path("height").asInt(shortestEdge);
        cropWidth = cropSize.isInt() ? cropSize.asInt() : cropSize.path("width").asInt(shortestEdge);
        rescale = c.path("do_rescale").asBoolean(true);
        rescaleFactor = c.path("rescale_factor").asDouble(1 / 255.0);
        normalize = c.path("do_normalize").asBoolean(true);
        mean = triple(c.path("image_mean"), OPENAI_MEAN, "image_mean");
        std = triple(c.path("image_std"), OPENAI_STD, "image_std");
    }

    /**
     * @param file a {@code preprocessor_config.json}
     * @return its processor
     * @throws IOException if it cannot be read or parsed
     */
    static ClipImageProcessor read(Path file) throws IOException {
        return new ClipImageProcessor(JSON.readTree(Files.readAllBytes(file)));
    }

    /** @return the processor of OpenAI's CLIP at the given square size, for folders without a config */
    static ClipImageProcessor openAiDefaults(int size) {
        return new ClipImageProcessor(JSON.createObjectNode().put("resample", 3)
                .set("size", JSON.createObjectNode().put("shortest_edge", size)));
    }

    /** @return the height of the pixel tensor this processor produces */
    int outputHeight() {
        return crop ? cropHeight : resizeHeight > 0 ? resizeHeight : shortestEdge;
    }

    /** @return the width of the pixel tensor this processor produces */
    int outputWidth() {
        return crop ? cropWidth : resizeWidth > 0 ? resizeWidth : shortestEdge;
    }

    /**
     * Preprocesses one image into {@code out} at {@code offset}, channels-first, 3 x height x width.
     *
     * @throws IllegalArgumentException if the image does not come out at the model's size (no crop and no fixed size)
     */
    void process(BufferedImage image, float[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = rgbPixels(image);
        if (resize) {
            int[] target = targetSize(w, h);
            rgb = PilResample.resize(rgb, w, h, target[0], target[1], filter);
            w = target[0];
            h = target[1];
        }
        if (crop) {
            rgb = centerCrop(rgb, w, h);
            w = cropWidth;
            h = cropHeight;
        }
        if (w != outputWidth() || h != outputHeight()) {
            throw new IllegalArgumentException("image came out " + w + "x" + h + " but the model takes "
                    + outputWidth() + "x" + outputHeight() + "; enable do_center_crop in preprocessor_config.json");
        }
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            for (int ch = 0; ch < 3; ch++) {
                int v = rgb[i] >> (16 - 8 * ch) & 0xff;
                float x = rescale ? (float) (v * rescaleFactor) : v;
                out[offset + ch * plane + i] = normalize ? (x - mean[ch]) / std[ch] : x;
            }
        }
    }

    /**
     * Packed 0xRRGGBB pixels as Pillow's {@code convert("RGB")} gives them: alpha dropped, and grey
     * replicated into three channels as stored. (Java's {@code getRGB} would move a grey image from its
     * linear grey colour space into sRGB, brightening it; Pillow does no such conversion.)
     */
    private static int[] rgbPixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean grey = image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && image.getRaster().getNumBands() <= 2;
        if (!grey) {
            return image.getRGB(0, 0, w, h, null, 0, w);
        }
        int bits = image.getColorModel().getComponentSize(0);
        int[] samples = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        int[] rgb = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            int v = bits > 8 ? samples[i] >> (bits - 8) : bits < 8 ? samples[i] * 255 / ((1 << bits) - 1) : samples[i];
            rgb[i] = v << 16 | v << 8 | v;
        }
        return rgb;
    }

    /** Hugging Face's get_resize_output_image_size with default_to_square=False. */
    private int[] targetSize(int width, int height) {
        if (shortestEdge <= 0) {
            return new int[] {resizeWidth, resizeHeight};
        }
        int shortSide = Math.min(width, height);
        int longSide = Math.max(width, height);
        int newLong = (int) ((double) shortestEdge * longSide / shortSide);
        return width <= height ? new int[] {shortestEdge, newLong} : new int[] {newLong, shortestEdge};
    }

    /** Hugging Face's center_crop: integer halving, zero padding (black before normalising) when too small. */
    private int[] centerCrop(int[] rgb, int w, int h) {
        int paddedH = Math.max(cropHeight, h);
        int paddedW = Math.max(cropWidth, w);
        int topPad = (paddedH - h + 1) / 2;
        int leftPad = (paddedW - w + 1) / 2;
        // Python's // floors; Java's / truncates toward zero, which differs for a negative difference.
        int top = Math.floorDiv(h - cropHeight, 2) + topPad;
        int left = Math.floorDiv(w - cropWidth, 2) + leftPad;
        int[] out = new int[cropWidth * cropHeight];
        for (int y = 0; y < cropHeight; y++) {
            for (int x = 0; x < cropWidth; x++) {
                int py = top + y - topPad;
                int px = left + x - leftPad;
                out[y * cropWidth + x] = py >= 0 && py < h && px >= 0 && px < w ? rgb[py * w + px] : 0;
            }
        }
        return out;
    }

    private static float[] triple(JsonNode node, float[] fallback, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isArray() || node.size() != 3) {
            throw new IllegalArgumentException("preprocessor_config.json: " + name + " must be three numbers, got " + node);
        }
        return new float[] {(float) node.get(0).asDouble(), (float) node.get(1).asDouble(), (float) node.get(2).asDouble()};
    }
}
