#!/usr/bin/env bash
# Generates the Prisma clients (SQLite and PostgreSQL) offline. Prisma's CLI insists on a schema-engine
# binary it would download; `generate` never runs it, so a stub satisfies the check (see toolchain.md).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f prisma/schema.prisma ] || exit 0
export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/scripts/no-schema-engine"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
# One source of truth for the models; the PostgreSQL schema differs only in its provider and output.
mkdir -p generated
sed -e 's/provider = "sqlite"/provider = "postgresql"/' \
    -e 's#output *= *"../generated/prisma-sqlite"#output = "../generated/prisma-postgresql"#' \
    prisma/schema.prisma > generated/schema.postgresql.prisma
npx --no-install prisma generate --schema prisma/schema.prisma >/dev/null
npx --no-install prisma generate --schema generated/schema.postgresql.prisma >/dev/null
