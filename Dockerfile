# Trusted Server container image.
#   docker build -t trusted-server .
#   docker run --rm --read-only -p 8080:8080 \
#     -v "$PWD/trusted-server.toml:/etc/trusted-server/trusted-server.toml:ro" trusted-server
# See docs/deploy.md for TLS, volumes for file stores, and Kubernetes probes.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Project files first: the restore layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/TrustedServer.Core/TrustedServer.Core.csproj src/TrustedServer.Core/
COPY src/TrustedServer.Privacy/TrustedServer.Privacy.csproj src/TrustedServer.Privacy/
COPY src/TrustedServer.Hosting/TrustedServer.Hosting.csproj src/TrustedServer.Hosting/
RUN dotnet restore src/TrustedServer.Hosting/TrustedServer.Hosting.csproj
COPY src/ src/
RUN dotnet publish src/TrustedServer.Hosting/TrustedServer.Hosting.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# Nothing is written to the image's file system at run time, so it runs with --read-only: the diagnostics socket the
# runtime would create in /tmp is off (file stores, when configured, belong on a mounted volume).
ENV DOTNET_EnableDiagnostics_IPC=0 \
    DOTNET_NOLOGO=1
# The non-root user the .NET images provide (uid 1654).
USER $APP_UID
EXPOSE 8080 8443
ENTRYPOINT ["dotnet", "/app/trusted-server.dll"]
CMD ["serve", "--config", "/etc/trusted-server/trusted-server.toml", "--urls", "http://0.0.0.0:8080"]
