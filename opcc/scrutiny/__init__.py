"""Panel scrutiny: which published payment a panel paper's item is, what else names its supplier
(decisions, grant awards), and the first draft of the paper the office writes (``opcc paper``).

Above the gate: it works only on what may be published.
"""
