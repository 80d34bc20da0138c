"""Writes bfloat16_cast.pt, the TorchScript module backend-hf uses to cast tensors to bfloat16.

DJL 0.36's PyTorch JNI maps its DataType to libtorch's ScalarType only up to bool (utils::
GetScalarTypeFromDType), so NDArray.toType(BFLOAT16) and creating a bfloat16 array end in
std::terminate. Tensors that already are bfloat16 work with every operation, and casting back to
float32 works, so this one cast is done by a scripted method instead. The module has no
parameters; libtorch loads it with its own restricted unpickler, not Python's.

    /work/venvs/hf/bin/python make_bfloat16_cast.py   (torch 2.x; the file loads in libtorch 2.7.1)
"""
import os

import torch


class BFloat16Cast(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.bfloat16)


torch.jit.script(BFloat16Cast().eval()).save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bfloat16_cast.pt"))
