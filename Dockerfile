# syntax=docker/dockerfile:1
# Build stage: restore and publish the web app.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# The in-app formula pages are rendered from docs/formulas.md, embedded into the web assembly.
COPY docs/formulas.md docs/
RUN dotnet publish src/BusinessValue.Web/BusinessValue.Web.csproj -c Release -o /app --nologo

# Runtime stage: the ASP.NET runtime only, as the image's non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DataDirectory=/app/data
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
VOLUME /app/data
EXPOSE 8080
# Probes: GET /health/live (process) and /health/ready (database reachable).
ENTRYPOINT ["dotnet", "BusinessValue.Web.dll"]
