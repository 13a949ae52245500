"""Retraining the learned tier starts each fit from the weights it replaces (learned.warm_start):
the loss is convex, so the result must be the cold start's, classes added since start from
zero, features that moved (the character view's vocabulary) are mapped, and anything that does
not fit is a cold start, never a wrong one."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from bot.crisis import learned


def _data(seed: int, classes=("a", "b", "c"), n: int = 240, dim: int = 12):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(classes), dim)) * 2
    labels = [classes[i % len(classes)] for i in range(n)]
    x = np.stack([centres[classes.index(c)] + rng.normal(size=dim) for c in labels])
    return x, labels


def _fit(x, labels, start=None, columns=None):
    clf = LogisticRegression(C=16.0, max_iter=5000, tol=1e-8)
    if start is not None:
        assert learned.warm_start(
            clf, labels, start.classes_, start.coef_, start.intercept_, x.shape[1], columns
        )
    clf.fit(x, labels)
    return clf


def test_a_warm_start_reaches_the_cold_starts_optimum_in_fewer_iterations():
    x, labels = _data(0)
    old = _fit(x[:200], labels[:200])  # the weights before a few rows were added
    cold, warm = _fit(x, labels), _fit(x, labels, start=old)
    np.testing.assert_allclose(warm.coef_, cold.coef_, atol=1e-3)
    np.testing.assert_allclose(warm.predict_proba(x), cold.predict_proba(x), atol=1e-4)
    assert warm.n_iter_[0] < cold.n_iter_[0]


def test_a_class_added_since_starts_from_zero_and_is_learned():
    x, labels = _data(1, classes=("a", "b", "c"))
    old = _fit(x, labels)
    x3, labels3 = _data(1, classes=("a", "b", "c", "new"))
    cold, warm = _fit(x3, labels3), _fit(x3, labels3, start=old)
    np.testing.assert_allclose(warm.predict_proba(x3), cold.predict_proba(x3), atol=1e-4)


def test_features_that_moved_are_mapped():
    x, labels = _data(2)
    old = _fit(x, labels)
    order = np.random.default_rng(3).permutation(x.shape[1])  # new column i was old order[i]
    moved = x[:, order]
    columns = (np.arange(x.shape[1]), order)
    clf = LogisticRegression(C=16.0, max_iter=5000, tol=1e-8)
    learned.warm_start(
        clf, labels, old.classes_, old.coef_, old.intercept_, moved.shape[1], columns
    )
    np.testing.assert_allclose(clf.coef_, old.coef_[:, order])
    warm = _fit(moved, labels, start=None)
    np.testing.assert_allclose(warm.coef_, old.coef_[:, order], atol=1e-3)


def test_a_binary_fit_warm_starts_from_its_single_row():
    x, labels = _data(4, classes=("x", "y"))
    y = np.array([c == "y" for c in labels])
    old = _fit(x[:150], y[:150])
    clf = LogisticRegression(C=16.0, max_iter=5000, tol=1e-8)
    assert learned.warm_start(clf, y, ["False", "True"], old.coef_[0], old.intercept_[0], 12)
    clf.fit(x, y)
    np.testing.assert_allclose(clf.coef_, _fit(x, y).coef_, atol=1e-3)


def test_each_fit_starts_from_its_own_arrays_in_the_weights_file():
    """The file holds three fits side by side: the classifier's ``weights``, the screen's
    ``screen_weights`` (always False/True) and the character view's ``char_weights``."""
    previous = {
        "classes": np.array(["a", "b", "c"]),
        "weights": np.full((3, 4), 1.0),
        "bias": np.full(3, 1.0),
        "screen_weights": np.full((1, 4), 2.0),
        "screen_bias": np.full(1, 2.0),
    }
    clf = LogisticRegression()
    assert learned.warm_start_from(clf, ["a", "b", "c"], previous, "", 4)
    assert (clf.coef_ == 1.0).all()
    screen = LogisticRegression()
    assert learned.warm_start_from(screen, [False, True], previous, "screen_", 4, ["False", "True"])
    assert (screen.coef_ == 2.0).all() and screen.coef_.shape == (1, 4)
    assert not learned.warm_start_from(LogisticRegression(), ["a", "b", "c"], previous, "char_", 4)


@pytest.mark.parametrize(
    "weights, bias, classes",
    [
        (None, None, ["a", "b", "c"]),  # no weights file yet
        (np.zeros((3, 5)), np.zeros(3), ["a", "b", "c"]),  # another feature layout
        (np.zeros((2, 12)), np.zeros(2), ["a", "b", "c"]),  # rows do not match the classes
        (np.zeros((3, 12)), np.zeros(3), []),  # no class names stored
        (np.zeros((1, 12)), np.zeros(1), ["a", "b"]),  # a binary fit, now three classes
    ],
)
def test_what_does_not_fit_is_a_cold_start(weights, bias, classes):
    x, labels = _data(5)
    clf = LogisticRegression()
    assert not learned.warm_start(clf, labels, classes, weights, bias, x.shape[1])
    assert not clf.warm_start and not hasattr(clf, "coef_")


def test_previous_weights_of_a_missing_or_broken_file_are_none(tmp_path):
    assert learned.previous_weights(tmp_path / "absent.npz") == {}
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    assert learned.previous_weights(broken) == {}
