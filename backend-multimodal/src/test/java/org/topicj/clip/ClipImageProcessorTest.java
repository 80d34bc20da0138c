package org.topicj.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Preprocessing against what Hugging Face's CLIPImageProcessor steps computed with Pillow and NumPy
 * (src/test/resources/clip-preprocess/make_reference.py), and against a hand computation.
 */
class ClipImageProcessorTest {
    static final Path DIR = ClipFixtures.resource("/clip-preprocess/expected.json").getParent();

    @ParameterizedTest
    @ValueSource(strings = {"wide_noise.png", "small_tall.png", "gray.png", "rgba_exact.png"})
    void pixelValuesEqualThePythonProcessor(String name) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get("images").get(name);
        ClipImageProcessor p = ClipImageProcessor.read(DIR.resolve("preprocessor_config.json"));
        BufferedImage image = ImageIO.read(DIR.resolve(name).toFile());
        float[] out = new float[3 * 16 * 16];
        p.process(image, out, 0);
        float[] want = new float[out.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = (float) expected.get("pixel_values").get(i).asDouble();
        }
        // Same pixels after Pillow's fixed-point resize; the float steps agree to the last bit or two.
        assertArrayEquals(want, out, 1e-6f, name);
    }

    @Test
    void jpegDecodingLandsCloseToPillows() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get("images").get("photo.jpg");
        float[] out = new float[3 * 16 * 16];
        ClipImageProcessor.read(DIR.resolve("preprocessor_config.json"))
                .process(ImageIO.read(DIR.resolve("photo.jpg").toFile()), out, 0);
        double worst = 0;
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            double diff = Math.abs(out[i] - expected.get("pixel_values").get(i).asDouble());
            worst = Math.max(worst, diff);
            sum += diff;
        }
        // Measured: identical. ImageIO's decoder and Pillow's libjpeg-turbo both use the accurate integer IDCT and
        // fancy chroma upsampling; one grey level apart would show as 1 / 255 / 0.26 = 0.015 here.
        assertEquals(0, worst, 1e-6, "JPEG pixels differ from Pillow's by up to " + worst + " (mean " + sum / out.length + ")");
    }

    @Test
    void anImageOfTheModelsSizeIsOnlyRescaledAndNormalised() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, (x * 16) << 16 | (y * 16) << 8 | (x + y) * 7);
            }
        }
        float[] out = new float[3 * 256];
        ClipImageProcessor.openAiDefaults(16).process(image, out, 0);
        float[] mean = {0.48145466f, 0.4578275f, 0.40821073f};
        float[] std = {0.26862954f, 0.26130258f, 0.27577711f};
        int[] probe = {0, 17, 255};
        for (int i : probe) {
            int x = i % 16;
            int y = i / 16;
            int[] rgb = {x * 16, y * 16, (x + y) * 7};
            for (int ch = 0; ch < 3; ch++) {
                assertEquals((rgb[ch] / 255f - mean[ch]) / std[ch], out[ch * 256 + i], 1e-6f, "pixel " + i + " channel " + ch);
            }
        }
    }
}
