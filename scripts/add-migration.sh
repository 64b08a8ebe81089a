#!/usr/bin/env bash
# Adds a migration for both database providers (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh NameOfMigration
# Runs EF Core's own ef.dll (from the Microsoft.EntityFrameworkCore.Tools package) because the
# dotnet-ef global tool cannot be installed from this NuGet feed. No database is needed.
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh NameOfMigration}"
root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/src/Foreningsbro.Web"
dotnet build "$project" -c Debug -v quiet -nologo >/dev/null
bin="$project/bin/Debug/net10.0"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
version=$(sed -n 's/.*Include="Microsoft.EntityFrameworkCore.Tools" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")
ef="$packages/microsoft.entityframeworkcore.tools/$version/tools/net8.0/any/ef.dll"

for provider in Sqlite Postgres; do
  dotnet exec --depsfile "$bin/Foreningsbro.Web.deps.json" --runtimeconfig "$bin/Foreningsbro.Web.runtimeconfig.json" \
    --additionalprobingpath "$packages" "$ef" migrations add "$name" \
    --assembly "$bin/Foreningsbro.Web.dll" --startup-assembly "$bin/Foreningsbro.Web.dll" \
    --project-dir "$project/" --root-namespace Foreningsbro.Web --language C# \
    --context "${provider}AppDbContext" --output-dir "Data/Migrations/$provider"
done
echo "Added migration $name for SQLite and PostgreSQL."
