# storywatch image: the CLI with its offline lexicon. Runs as the unprivileged "node" user.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends dict-freedict-eng-hin wamerican python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# The image's npm 10 would run onnxruntime-node's CUDA download that package.json's "allowScripts" denies.
RUN npm install -g npm@^11.19.1 && npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY cli ./cli
COPY config ./config
COPY pipeline ./pipeline
COPY workers ./workers
COPY queue ./queue
COPY runtime ./runtime
COPY store ./store
COPY adapters ./adapters
COPY web ./web
RUN mkdir -p /data /inbox && chown node:node /data /inbox
USER node
ENV STORYWATCH_DATA=/data
ENTRYPOINT ["node", "bin/storywatch.js"]
EXPOSE 8080
CMD ["start", "--inbox", "/inbox", "--host", "0.0.0.0", "--port", "8080"]
