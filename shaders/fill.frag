#version 330 core
in vec4 v_colour;
uniform vec4 u_tint;      // per-layer colour multiplier; alpha = layer opacity
uniform float u_solid;    // 1: ignore the per-feature colours (a plain fill in u_tint)
uniform vec4 u_under;     // a = 1: the colour below is this plain colour; blend here, write opaque
out vec4 o_colour;
void main() {
    vec4 c = mix(v_colour, vec4(1.0), u_solid) * u_tint;
    // Over a known plain background the blend is done here, so the GPU need not read the target
    // (a large saving in fill rate under a software rasteriser).
    o_colour = u_under.a > 0.5 ? vec4(mix(u_under.rgb, c.rgb, c.a), 1.0) : c;
}
