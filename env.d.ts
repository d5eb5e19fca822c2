/// <reference types="vite/client" />

/** True in the dev server and in `vite build --mode local-editor`: lets the plugin talk to the local Storyblok's editor page. */
declare const __LOCAL_CONTAINER__: boolean
