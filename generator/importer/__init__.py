"""Importing phrase files a team already has (千牛 CSV/XLSX, generic spreadsheets) into YAML entries."""
