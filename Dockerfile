# SkillsMatch server image: build with the .NET 10 SDK, run on the ASP.NET Core runtime.
#   docker build -t skillsmatch .
#   docker compose up        (PostgreSQL, two instances, Caddy in front; see docs/deploy.md)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so the layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/SkillsMatch.Engine/SkillsMatch.Engine.csproj src/SkillsMatch.Engine/
COPY src/SkillsMatch.Server/SkillsMatch.Server.csproj src/SkillsMatch.Server/
RUN dotnet restore src/SkillsMatch.Server/SkillsMatch.Server.csproj

COPY src/SkillsMatch.Engine/ src/SkillsMatch.Engine/
COPY src/SkillsMatch.Server/ src/SkillsMatch.Server/
RUN dotnet publish src/SkillsMatch.Server/SkillsMatch.Server.csproj -c Release --no-restore -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# ML.NET's LightGBM needs the OpenMP runtime.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /out/ ./
# Reference data (ESCO, regions, vocabulary) is read at start; samples/ only when seeding or
# importing is asked for (Storage:SeedSamplesOnStart=true, or `skillsmatch samples import samples`).
COPY data/ ./data/
COPY samples/ ./samples/

# The embedded SQLite database, Hangfire's SQLite storage and the local model folder live under
# Storage:DataDirectory; with PostgreSQL this volume holds little, but the default still works.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Storage__DataDirectory=/var/lib/skillsmatch \
    ReferenceData__Path=/app/data \
    Storage__SamplesDirectory=/app/samples \
    DOTNET_gcServer=1 \
    DOTNET_GCDynamicAdaptationMode=1
RUN mkdir -p /var/lib/skillsmatch && chown "$APP_UID" /var/lib/skillsmatch
VOLUME /var/lib/skillsmatch

# The aspnet images carry an unprivileged user; its id is in APP_UID.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/skillsmatch.dll"]
