"""Charts that make sense for one month or for ten years (opcc.site.charts)."""

from __future__ import annotations

from opcc.site.charts import COLUMN_CHART_HEIGHT, VALUE_LABEL_MARGIN, WIDEST_SLOT, column_chart


def _months(n: int) -> list[tuple[str, int, str]]:
    return [(f"Month {i}", 100_000 + i, f"£{1000 + i / 100:,.2f}") for i in range(n)]


def test_one_month_is_a_labelled_bar_not_a_block_filling_the_chart():
    chart = column_chart("c", "Spend per month", _months(1))
    [bar] = chart.bars
    assert chart.bar_width <= WIDEST_SLOT and chart.width <= WIDEST_SLOT + 2 * VALUE_LABEL_MARGIN
    assert bar.x >= VALUE_LABEL_MARGIN  # its figure, wider than the bar, is not cut off at the edge
    assert bar.value_label and bar.axis_label
    assert bar.y >= 16  # room above the bar for its figure
    assert bar.y + bar.length == COLUMN_CHART_HEIGHT


def test_ten_years_of_months_fill_the_width_with_thin_bars_labelled_once_a_year():
    chart = column_chart("c", "Spend per month", _months(120))
    assert chart.width == 720 and chart.bar_width < 6
    assert not any(bar.value_label for bar in chart.bars)  # too many to write each figure
    assert [i for i, bar in enumerate(chart.bars) if bar.axis_label] == list(range(0, 120, 12))
