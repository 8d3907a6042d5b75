"""Quick-phrase exports: the approved replies as files for chat tools, text expanders, input
methods and helpdesks, each described by a data profile (see `profiles.py`)."""

PROFILE_FOLDER = "export_profiles"  # a team's own profiles, next to the source folder
