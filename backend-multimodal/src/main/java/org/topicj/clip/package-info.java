/**
 * CLIP-style text and image embedders on ONNX Runtime (provider {@code clip}), with Pillow-exact preprocessing.
 */
package org.topicj.clip;
