"""Automatic differentiation: numbers that remember how they were made (chapter 7).

A :class:`Value` holds a number and, for every operation applied to it, the
values it came from and the local derivative of the result with respect to
each. ``backward()`` then runs the chain rule from the end back to the start:
each value's gradient is the sum, over the values computed from it, of their
gradient times the local derivative. This is how frameworks such as PyTorch
compute gradients; the idea and the style are those of Andrej Karpathy's
micrograd.

>>> x, w, b = Value(2.0), Value(0.5), Value(-0.5)
>>> loss = ((w * x + b).sigmoid() - 1.0) ** 2
>>> loss.backward()
>>> round(w.grad, 4), round(b.grad, 4)
(-0.3549, -0.1774)
"""

from __future__ import annotations

import math

from lessons._checks import as_float


class Value:
    """One number, the values it was computed from, and its gradient (after ``backward``)."""

    def __init__(self, data: float, parents: tuple = (), local: tuple = ()) -> None:
        self.data = as_float(data, "data")
        self.grad = 0.0
        self._parents = parents  # the values this one was computed from
        self._local = local  # ∂(this)/∂(parent), one per parent

    def __repr__(self) -> str:
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    @staticmethod
    def _of(other) -> Value:
        return other if isinstance(other, Value) else Value(other)

    def _result(self, data: float, parents: tuple, local: tuple, what: str) -> Value:
        if not math.isfinite(data):
            raise ValueError(f"{what} is too large to represent as a double (beyond ±1.8e308)")
        return Value(data, parents, local)

    # each operation: its result, and the local derivative for each input, side by side
    def __add__(self, other) -> Value:
        other = self._of(other)
        return self._result(self.data + other.data, (self, other), (1.0, 1.0), "a + b")

    def __mul__(self, other) -> Value:
        other = self._of(other)
        return self._result(self.data * other.data, (self, other), (other.data, self.data), "a × b")

    def __pow__(self, k) -> Value:
        k = as_float(k, "the power")
        if self.data == 0 and k < 1:
            raise ValueError(f"0 ** {k:g} has no derivative; use a power of at least 1")
        if self.data < 0 and not k.is_integer():
            raise ValueError(f"a negative value to the power {k:g} is not a real number")
        data = self.data**k
        return self._result(data, (self,), (k * self.data ** (k - 1),), "a ** k")

    def exp(self) -> Value:
        data = math.exp(self.data) if self.data < 710 else math.inf
        return self._result(data, (self,), (data,), "exp(a)")

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive value, got {self.data!r}")
        return self._result(math.log(self.data), (self,), (1 / self.data,), "log(a)")

    def sigmoid(self) -> Value:
        e = math.exp(-abs(self.data))  # never overflows
        s = 1 / (1 + e) if self.data >= 0 else e / (1 + e)
        return self._result(s, (self,), (s * (1 - s),), "sigmoid(a)")

    def relu(self) -> Value:
        positive = self.data > 0
        return self._result(self.data if positive else 0.0, (self,), (float(positive),), "relu")

    # the rest is written with the operations above
    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other) -> Value:
        return self + (-self._of(other))

    def __truediv__(self, other) -> Value:
        other = self._of(other)
        if other.data == 0:
            raise ZeroDivisionError("division by a Value of 0")
        return self * other**-1

    def __radd__(self, other) -> Value:
        return self + other

    def __rmul__(self, other) -> Value:
        return self * other

    def __rsub__(self, other) -> Value:
        return self._of(other) - self

    def __rtruediv__(self, other) -> Value:
        return self._of(other) / self

    def backward(self) -> None:
        """Fill in ``.grad`` of every value this one depends on: ∂(this)/∂(value).

        Values are visited from this one back to the inputs, each after every
        value computed from it, so its gradient is complete when it is passed on.
        """
        order, seen = [], set()

        def visit(value: Value) -> None:  # depth-first: inputs before results
            if id(value) not in seen:
                seen.add(id(value))
                for parent in value._parents:
                    visit(parent)
                order.append(value)

        visit(self)
        for value in order:
            value.grad = 0.0
        self.grad = 1.0
        for value in reversed(order):
            for parent, local in zip(value._parents, value._local):
                parent.grad += value.grad * local
