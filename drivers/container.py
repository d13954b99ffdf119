# dsjob-driver-version: 1
# Placeholder artifact for container (BYOC) jobs built the 2023 ADS way.
# The OCI Data Science service needs an artifact for every job; a container job runs its
# image's own entrypoint and command, so this file is uploaded but never executed.
# It is dsjob's own file, kept comment-only on purpose.
