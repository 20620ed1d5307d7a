"""Exact money: decimals as written, euro cents, and sharing cents without losing one.

Funding and split agreements both compute in integer euro cents; these are the
helpers they share.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np

__all__ = ["as_decimal", "cents_to_eur", "largest_remainder"]


def as_decimal(value: float | int | Decimal) -> Decimal:
    """A number as the decimal it was written as (0.1 -> Decimal('0.1'), not its binary value).

    Examples
    --------
    >>> as_decimal(0.1), as_decimal(7), as_decimal(Decimal("2.50"))
    (Decimal('0.1'), Decimal('7'), Decimal('2.50'))
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | np.integer):
        return Decimal(int(value))
    return Decimal(repr(float(value)))


def cents_to_eur(cents: int) -> float:
    """An amount in cents as euros (a float, for tables and JSON).

    Examples
    --------
    >>> cents_to_eur(1_589_500)
    15895.0
    """
    return float(Decimal(cents).scaleb(-2))


def _largest_remainder_int(total: int, weights: list[int]) -> list[int]:
    """:func:`largest_remainder` for whole weights, in exact integer arithmetic."""
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights)
    if weight_sum == 0:
        if total:
            raise ValueError(f"cannot share {total} in proportion to weights that are all zero")
        return [0] * len(weights)
    shares, remainders = zip(*(divmod(total * w, weight_sum) for w in weights), strict=True)
    out = list(shares)
    order = sorted(range(len(out)), key=lambda i: (-remainders[i], i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def largest_remainder(total: int, weights: Sequence[Fraction | Decimal | int | float]) -> list[int]:
    """Share a whole number (cents) in proportion to weights, conserving the total exactly.

    Hamilton's method: every share gets the whole part of its exact quota, and
    the units left over go to the largest fractional remainders; ties go to the
    earlier position, so the result is deterministic for a fixed order.

    Parameters
    ----------
    total
        The whole number to share (for example euro cents), ``>= 0``.
    weights
        Non-negative weights; they need not add up to 1. When they are all
        zero, ``total`` must be 0.

    Returns
    -------
    list of int
        One share per weight, adding up to ``total``.

    Raises
    ------
    ValueError
        For a negative total or weight, or a positive total with zero weights.

    Examples
    --------
    >>> largest_remainder(100, [1, 1, 1])
    [34, 33, 33]
    >>> largest_remainder(1_000_001, [0.75, 0.25])
    [750001, 250000]
    >>> sum(largest_remainder(99_999, [3, 5, 0, 7.5]))
    99999
    """
    if total < 0:
        raise ValueError(f"cannot share a negative total ({total})")
    if all(type(w) is int for w in weights):  # whole weights (cents): the same, in integers
        return _largest_remainder_int(total, [int(w) for w in weights])
    fractions = [w if isinstance(w, Fraction) else Fraction(as_decimal(w)) for w in weights]
    if any(w < 0 for w in fractions):
        raise ValueError("weights must not be negative")
    weight_sum = sum(fractions, Fraction(0))
    if weight_sum == 0:
        if total:
            raise ValueError(f"cannot share {total} in proportion to weights that are all zero")
        return [0] * len(fractions)
    quotas = [total * w / weight_sum for w in fractions]
    shares = [math.floor(q) for q in quotas]
    left = total - sum(shares)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return shares
