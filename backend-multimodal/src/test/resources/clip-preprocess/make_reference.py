#!/usr/bin/python3
"""Writes test images and the pixel values Hugging Face's CLIPImageProcessor computes from them.

Run with Debian's python3-pil and python3-numpy (apt install python3-pil python3-numpy); no transformers
needed: the steps below are CLIPImageProcessor's, in its order and dtypes (convert to RGB; resize the shortest
edge with Pillow, bicubic, reducing_gap None; centre crop with integer halving, zero padding if too small;
rescale as float64 * factor then float32; normalise (x - mean) / std in float32). Deterministic.

    /usr/bin/python3 make_reference.py      (writes into this script's folder)
"""
import json
import math
import os

import numpy as np
from PIL import Image

SIZE = 16        # shortest_edge, and the square crop
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
RESCALE = 0.00392156862745098


def make_images(out):
    rng = np.random.RandomState(7)
    images = {}
    # Downscaled: noise plus gradients, wider than tall.
    a = rng.randint(0, 256, size=(23, 37, 3)).astype(np.int32)
    a[..., 0] = (a[..., 0] + np.arange(37)[None, :] * 5) % 256
    images["wide_noise.png"] = Image.fromarray(a.astype(np.uint8), "RGB")
    # Upscaled: a small, tall image.
    b = rng.randint(0, 256, size=(12, 10, 3)).astype(np.uint8)
    images["small_tall.png"] = Image.fromarray(b, "RGB")
    # Grayscale, converted to RGB first.
    c = (np.add.outer(np.arange(20) * 9, np.arange(30) * 4) % 256).astype(np.uint8)
    images["gray.png"] = Image.fromarray(c, "L")
    # RGBA: alpha is dropped by convert("RGB").
    d = rng.randint(0, 256, size=(16, 16, 4)).astype(np.uint8)
    images["rgba_exact.png"] = Image.fromarray(d, "RGBA")
    # A photo-like JPEG (smooth gradients and a disc, 4:2:0 chroma): decoders differ slightly, so this one
    # measures how far Java's ImageIO decoding lands from Pillow's libjpeg.
    yy, xx = np.mgrid[0:48, 0:64]
    e = np.stack([xx * 4, yy * 5, 255 - xx * 2], axis=-1).astype(np.float64)
    e[(xx - 30) ** 2 + (yy - 22) ** 2 < 150] = [220, 40, 60]
    images["photo.jpg"] = Image.fromarray(e.clip(0, 255).astype(np.uint8), "RGB")
    for name, img in images.items():
        if name.endswith(".jpg"):
            img.save(os.path.join(out, name), quality=90)
        else:
            img.save(os.path.join(out, name))
    # What Pillow decodes from the saved JPEG is the reference, not the array it was made from.
    images["photo.jpg"] = Image.open(os.path.join(out, "photo.jpg"))
    images["photo.jpg"].load()
    return images


def resize_shortest_edge(img, size):
    width, height = img.size
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = size, int(size * long / short)
    new_h, new_w = (new_long, new_short) if width <= height else (new_short, new_long)
    if (new_w, new_h) == img.size:
        return np.array(img)
    return np.array(img.resize((new_w, new_h), resample=Image.BICUBIC, reducing_gap=None))


def center_crop(a, crop):
    h, w = a.shape[:2]
    top, left = (h - crop) // 2, (w - crop) // 2
    if h >= crop and w >= crop:
        return a[top:top + crop, left:left + crop]
    nh, nw = max(crop, h), max(crop, w)
    padded = np.zeros((nh, nw, 3), dtype=a.dtype)
    tp, lp = math.ceil((nh - h) / 2), math.ceil((nw - w) / 2)
    padded[tp:tp + h, lp:lp + w] = a
    top, left = top + tp, left + lp
    return padded[max(0, top):min(nh, top + crop), max(0, left):min(nw, left + crop)]


def pixel_values(img):
    a = resize_shortest_edge(img.convert("RGB"), SIZE)
    resized_shape = list(a.shape[:2])
    a = center_crop(a, SIZE)
    a = (a.astype(np.float64) * RESCALE).astype(np.float32)
    a = (a - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    return resized_shape, a.transpose(2, 0, 1)


def main():
    out = os.path.dirname(os.path.abspath(__file__))
    images = make_images(out)
    expected = {"size": SIZE, "image_mean": MEAN, "image_std": STD, "images": {}}
    for name, img in images.items():
        resized_shape, pv = pixel_values(img)
        expected["images"][name] = {"resized_hw": resized_shape, "pixel_values": pv.reshape(-1).tolist()}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)
    with open(os.path.join(out, "preprocessor_config.json"), "w") as f:
        json.dump({"crop_size": {"height": SIZE, "width": SIZE}, "do_center_crop": True, "do_convert_rgb": True,
                   "do_normalize": True, "do_rescale": True, "do_resize": True,
                   "image_processor_type": "CLIPImageProcessor", "image_mean": MEAN, "image_std": STD,
                   "resample": 3, "rescale_factor": RESCALE, "size": {"shortest_edge": SIZE}}, f, indent=2)


if __name__ == "__main__":
    main()
