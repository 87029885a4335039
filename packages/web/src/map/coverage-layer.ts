/**
 * The coverage raster on the GPU: a MapLibre custom layer that draws one quad over the analysis
 * grid and, per screen pixel, finds the grid cell under it and looks its class up in the palette.
 * The browser uploads one byte per cell (the class) and a 256-colour palette; nothing is encoded
 * as an image. GL state is touched only inside `render`, where MapLibre resets its own state cache
 * before and after custom layers; the layer keeps its own vertex array.
 *
 * The grid is regular in longitude and latitude, the map Web Mercator, so the fragment shader
 * inverts the projection at each pixel: with y ∈ [0, 1] the Mercator coordinate from the top,
 *   λ = 360°·x − 180°,   φ = atan(sinh(π·(1 − 2y)))
 * and the cell is column ⌊(λ − west)/Δλ⌋, row ⌊(north − φ)/Δφ⌋ — every cell where it is, with no
 * resampling drift across the box.
 */
import { MercatorCoordinate, type CustomLayerInterface, type CustomRenderMethodInput, type Map as MaplibreMap } from 'maplibre-gl';
import type { GridLike, Rgba } from './raster.js';

const VERTEX = `#version 300 es
uniform mat4 u_matrix;
in vec2 a_merc;
out vec2 v_merc;
void main() {
  v_merc = a_merc;
  gl_Position = u_matrix * vec4(a_merc, 0.0, 1.0);
}`;

const FRAGMENT = `#version 300 es
precision highp float;
precision highp int;
precision highp usampler2D;
uniform usampler2D u_classes;
uniform sampler2D u_palette;
// west, north (degrees), cell width and height (degrees)
uniform vec4 u_grid;
uniform ivec2 u_size;
uniform float u_opacity;
in vec2 v_merc;
out vec4 fragColor;
const float PI = 3.141592653589793;
void main() {
  float lon = v_merc.x * 360.0 - 180.0;
  float lat = degrees(atan(sinh(PI * (1.0 - 2.0 * v_merc.y))));
  int i = int(floor((lon - u_grid.x) / u_grid.z));
  int j = int(floor((u_grid.y - lat) / u_grid.w));
  if (i < 0 || j < 0 || i >= u_size.x || j >= u_size.y) discard;
  uint c = texelFetch(u_classes, ivec2(i, j), 0).r;
  if (c == 0u) discard;
  vec4 col = texelFetch(u_palette, ivec2(int(c), 0), 0);
  float a = col.a * u_opacity;
  fragColor = vec4(col.rgb * a, a);
}`;

function compile(gl: WebGL2RenderingContext, type: number, src: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, src);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`coverage layer shader: ${gl.getShaderInfoLog(s) ?? 'does not compile'}`);
  return s;
}

interface Pending {
  grid: GridLike;
  classes: Uint8Array;
  palette: readonly Rgba[];
}

export class CoverageLayer implements CustomLayerInterface {
  readonly id: string;
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  private map: MaplibreMap | undefined;
  private program: WebGLProgram | undefined;
  private quad: WebGLBuffer | undefined;
  private vao: WebGLVertexArrayObject | undefined;
  private classTex: WebGLTexture | undefined;
  private paletteTex: WebGLTexture | undefined;
  private grid: GridLike | undefined;
  private pending: Pending | undefined;
  private visible = false;
  private opacity = 0.6;

  constructor(id = 'coverage') {
    this.id = id;
  }

  /** Shows `classes` (one byte per grid cell, row 0 north) coloured by `palette[class]` (class 0 not drawn). */
  setRaster(grid: GridLike, classes: Uint8Array, palette: readonly Rgba[]): void {
    this.pending = { grid, classes, palette };
    this.visible = true;
    this.map?.triggerRepaint();
  }

  hide(): void {
    this.visible = false;
    this.map?.triggerRepaint();
  }

  setOpacity(opacity: number): void {
    this.opacity = opacity;
    this.map?.triggerRepaint();
  }

  onAdd(map: MaplibreMap, gl: WebGL2RenderingContext): void {
    this.map = map;
    const p = gl.createProgram()!;
    gl.attachShader(p, compile(gl, gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(p, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
    gl.linkProgram(p);
    if (!gl.getProgramParameter(p, gl.LINK_STATUS)) throw new Error(`coverage layer: ${gl.getProgramInfoLog(p) ?? 'does not link'}`);
    this.program = p;
    this.quad = gl.createBuffer()!;
    this.vao = gl.createVertexArray()!;
    gl.bindVertexArray(this.vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.quad);
    const loc = gl.getAttribLocation(p, 'a_merc');
    gl.enableVertexAttribArray(loc);
    gl.vertexAttribPointer(loc, 2, gl.FLOAT, false, 0, 0);
    gl.bindVertexArray(null);
    this.classTex = gl.createTexture()!;
    this.paletteTex = gl.createTexture()!;
  }

  onRemove(_map: MaplibreMap, gl: WebGL2RenderingContext): void {
    if (this.program) gl.deleteProgram(this.program);
    if (this.quad) gl.deleteBuffer(this.quad);
    if (this.vao) gl.deleteVertexArray(this.vao);
    if (this.classTex) gl.deleteTexture(this.classTex);
    if (this.paletteTex) gl.deleteTexture(this.paletteTex);
    this.program = undefined;
  }

  /** Sends the pending classes, palette and quad to the GPU (from `render`). */
  private upload(gl: WebGL2RenderingContext): void {
    const { grid, classes, palette } = this.pending!;
    this.pending = undefined;
    this.grid = grid;
    const bind = (tex: WebGLTexture): void => {
      gl.bindTexture(gl.TEXTURE_2D, tex);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    };
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    bind(this.classTex!);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R8UI, grid.width, grid.height, 0, gl.RED_INTEGER, gl.UNSIGNED_BYTE, classes);
    const pal = new Uint8Array(256 * 4);
    palette.forEach((c, i) => pal.set(c, i * 4));
    bind(this.paletteTex!);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, 256, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, pal);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
    const nw = MercatorCoordinate.fromLngLat([grid.westDeg, grid.northDeg]);
    const se = MercatorCoordinate.fromLngLat([grid.eastDeg, grid.southDeg]);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.quad!);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([nw.x, nw.y, se.x, nw.y, nw.x, se.y, se.x, se.y]), gl.STATIC_DRAW);
  }

  render(gl: WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    if (this.pending && this.program) this.upload(gl);
    const g = this.grid;
    if (!this.visible || !g || !this.program) return;
    const p = this.program;
    gl.useProgram(p);
    // Projects Web Mercator coordinates in [0, 1] to clip space.
    gl.uniformMatrix4fv(gl.getUniformLocation(p, 'u_matrix'), false, options.defaultProjectionData.mainMatrix as Float32Array);
    gl.uniform4f(gl.getUniformLocation(p, 'u_grid'), g.westDeg, g.northDeg, (g.eastDeg - g.westDeg) / g.width, (g.northDeg - g.southDeg) / g.height);
    gl.uniform2i(gl.getUniformLocation(p, 'u_size'), g.width, g.height);
    gl.uniform1f(gl.getUniformLocation(p, 'u_opacity'), this.opacity);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.classTex!);
    gl.uniform1i(gl.getUniformLocation(p, 'u_classes'), 0);
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.paletteTex!);
    gl.uniform1i(gl.getUniformLocation(p, 'u_palette'), 1);
    gl.bindVertexArray(this.vao!);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.bindVertexArray(null);
  }
}
