"""The audit's outputs: the HTML report for leads, the findings tables and summary.json."""
